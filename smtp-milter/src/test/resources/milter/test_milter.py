#!/usr/bin/python3
"""A test mail filter on pymilter (Debian's python3-milter) that does what the message asks.

Usage: test_milter.py SOCKET REPORT_DIR [full|lean|noop]

The filter writes what it saw of each message (connect data, HELO, envelope, macros, headers, body) as JSON to
REPORT_DIR/<queue id>.json (a flat object of strings), the queue id being the value of macro i, and acts on commands:

  connect   client host name reject.client / tempfail.client / accept.client
  HELO      reject.helo / tempfail.helo / accept.helo / reply.helo
  MAIL      local part reject-mail, tempfail-mail, reply-mail, discard-mail, accept-mail
  RCPT      local part reject-rcpt, tempfail-rcpt, reply-rcpt, discard-rcpt, accept-rcpt
  header    X-Do: a comma-separated list of actions for end of message:
            add-header, insert-header, change-header, delete-header, replace-body, add-rcpt, add-rcpt-par,
            add-rcpt-bad, add-rcpt-bad-par, del-rcpt, chgfrom, chgfrom-par, chgfrom-bad, quarantine, progress, hang, reject, tempfail, reply, reply-multiline,
            discard, accept, skip-body, reject-header (at that header)

Mode "full" takes every event and replies to each; mode "lean" asks for no reply to connect, HELO, MAIL, RCPT,
headers, end of headers and body, for no DATA and unknown events, for header values with their leading space,
and for its own MAIL-stage macro list. Mode "noop" takes every event, replies continue and records nothing (for
benchmarks).
"""
import json
import os
import sys
import time

import Milter


def local_part(address):
    return address.strip('<>').split('@')[0].lower()


class Recorder(Milter.Base):

    REPLIES = {'reject': Milter.REJECT, 'tempfail': Milter.TEMPFAIL, 'discard': Milter.DISCARD,
               'accept': Milter.ACCEPT}

    def __init__(self):
        self.report_dir = REPORT_DIR
        self.conn = {}
        self.reset()

    def reset(self):
        self.seen = {'rcpt': [], 'headers': [], 'body': b'', 'macros': {}, 'actions': []}
        self.todo = []

    def macros(self, stage, names):
        values = {n: self.getsymval(n) for n in names}
        if stage in ('connect', 'helo'):
            self.conn['macros_' + stage] = values
        else:
            self.seen['macros'][stage] = values

    def command_reply(self, word, stage):
        """The reply for a command word, e.g. reject-rcpt at stage rcpt."""
        if word.endswith('-' + stage) or word.endswith('.' + stage):
            verb = word[:-(len(stage) + 1)]
            if verb == 'reply':
                self.setreply('553', '5.1.8', 'Sender address %s refused' % stage)
                return Milter.REJECT
            return self.REPLIES.get(verb)
        return None

    def connect(self, hostname, family, hostaddr):
        self.conn = {'hostname': hostname, 'family': family, 'hostaddr': list(hostaddr) if hostaddr else None,
                     'protocol': self._protocol, 'negotiated_actions': self._actions}
        self.macros('connect', ['j', '{daemon_name}', '{daemon_addr}', 'v', '_', '{client_addr}'])
        r = self.command_reply(hostname.split('.')[0] + '.client', 'client')
        return r if r is not None else Milter.CONTINUE

    def hello(self, heloname):
        self.conn['helo'] = heloname
        self.macros('helo', ['{tls_version}', '{cipher}', '{cipher_bits}'])
        r = self.command_reply(heloname, 'helo')
        return r if r is not None else Milter.CONTINUE

    def envfrom(self, mailfrom, *params):
        self.reset()
        self.seen['mail'] = [mailfrom] + list(params)
        self.macros('mail', ['i', '{auth_type}', '{auth_authen}', '{mail_addr}', '{custom}'])
        r = self.command_reply(local_part(mailfrom), 'mail')
        return r if r is not None else Milter.CONTINUE

    def envrcpt(self, to, *params):
        self.seen['rcpt'].append([to] + list(params))
        self.macros('rcpt', ['i', '{rcpt_addr}'])
        r = self.command_reply(local_part(to), 'rcpt')
        return r if r is not None else Milter.CONTINUE

    def data(self):
        self.seen['data'] = True
        self.macros('data', ['i'])
        return Milter.CONTINUE

    def unknown(self, cmd):
        cmd = cmd.decode() if isinstance(cmd, bytes) else cmd
        self.seen['unknown'] = cmd
        self.write_report()
        if cmd.split(' ')[0].upper() == 'XREJECT':
            self.setreply('554', '5.7.1', 'Unknown command refused by the filter')
            return Milter.REJECT
        return Milter.CONTINUE

    def header(self, name, value):
        self.seen['headers'].append([name, value])
        if name.lower() == 'x-do':
            self.todo += [w.strip() for w in value.split(',') if w.strip()]
            if 'reject-header' in self.todo:
                self.write_report()
                return Milter.REJECT
        return Milter.CONTINUE

    def eoh(self):
        self.seen['eoh'] = True
        self.macros('eoh', ['i'])
        return Milter.CONTINUE

    def body(self, chunk):
        self.seen['body'] += chunk
        self.seen.setdefault('chunks', []).append(len(chunk))
        if 'skip-body' in self.todo:
            return Milter.SKIP
        return Milter.CONTINUE

    def eom(self):
        self.macros('eom', ['i'])
        result = Milter.CONTINUE
        for word in self.todo:
            self.seen['actions'].append(word)
            if word == 'add-header':
                self.addheader('X-Added', 'added by the test milter')
            elif word == 'add-header-folded':
                self.addheader('X-Folded', 'first line\n\tsecond line')
            elif word == 'insert-header':
                self.addheader('X-Inserted', 'at the top', 0)
            elif word == 'insert-header-2':
                self.addheader('X-Inserted-2', 'after two fields', 2)
            elif word == 'change-header':
                self.chgheader('Subject', 1, 'changed by the test milter')
            elif word == 'change-second':
                self.chgheader('X-Twice', 2, 'second changed')
            elif word == 'change-missing':
                self.chgheader('X-Missing', 1, 'appended by change')
            elif word == 'delete-header':
                self.chgheader('X-Remove-Me', 1, '')
            elif word == 'replace-body':
                self.replacebody(b'The body was replaced.\r\nSecond line.\r\n')
            elif word == 'replace-body-lf':
                self.replacebody(b'bare\nlines\nno end')
            elif word == 'replace-body-big':
                for i in range(3):
                    self.replacebody((('%d' % i) * 70000).encode())
            elif word == 'add-rcpt':
                self.addrcpt('<added@example.org>')
            elif word == 'add-rcpt-par':
                self.addrcpt('<added-par@example.org>', 'NOTIFY=NEVER')
            elif word == 'add-rcpt-bad':
                self.addrcpt('<not an address>')
            elif word == 'add-rcpt-bad-par':
                self.addrcpt('<added-bad-par@example.org>', 'NOTIFY=')
            elif word == 'chgfrom-bad':
                self.chgfrom('<two@at@example.org>')
            elif word == 'del-rcpt':
                self.delrcpt('<gone@example.org>')
            elif word == 'chgfrom':
                self.chgfrom('<new-sender@example.org>')
            elif word == 'chgfrom-par':
                self.chgfrom('<new-sender@example.org>', 'SIZE=1234')
            elif word == 'quarantine':
                self.quarantine('held by the test milter')
            elif word == 'progress':
                for _ in range(4):
                    time.sleep(float(os.environ.get('PROGRESS_SLEEP', '0.5')))
                    self.progress()
            elif word == 'hang':
                time.sleep(30)
            elif word == 'reply':
                self.setreply('554', '5.7.1', 'Rejected by the test milter: 100%% sure')
                result = Milter.REJECT
            elif word == 'reply-multiline':
                self.setreply('550', '5.7.1', 'first line', 'second line', 'third line')
                result = Milter.REJECT
            elif word == 'reply-tempfail':
                self.setreply('452', '4.3.1', 'Try again later, says the test milter')
                result = Milter.TEMPFAIL
            elif word in self.REPLIES:
                result = self.REPLIES[word]
        self.write_report()
        return result

    def abort(self):
        self.seen['aborted'] = True
        self.write_report()
        return Milter.CONTINUE

    def close(self):
        return Milter.CONTINUE

    def write_report(self):
        queue_id = self.getsymval('i') or 'unknown'
        report = dict(self.conn)
        report.update({k: v for k, v in self.seen.items() if k != 'body'})
        report['body'] = self.seen['body'].decode('utf-8', 'surrogateescape')
        flat = {}
        flatten('', report, flat)
        path = os.path.join(self.report_dir, queue_id + '.json')
        with open(path + '.tmp', 'w') as f:
            json.dump(flat, f, ensure_ascii=True)
        os.rename(path + '.tmp', path)


def flatten(prefix, value, out):
    """A flat object of strings: {"rcpt.0.0": "<a@example.org>", "rcpt.count": "1", ...}."""
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(prefix + '.' + k if prefix else k, v, out)
    elif isinstance(value, (list, tuple)):
        out[prefix + '.count'] = str(len(value))
        for i, v in enumerate(value):
            flatten('%s.%d' % (prefix, i), v, out)
    else:
        out[prefix] = '' if value is None else str(value)


class Lean(Recorder):

    def negotiate(self, opts):
        # Milter.Base.negotiate with its macro list; pymilter 1.0.5's setsymlist() hands bytes to its C module,
        # which wants str, so the list is set on the context directly.
        self._actions, offered, unused1, unused2 = opts
        self._ctx.setsymlist(Milter.M_ENVFROM, 'i {custom}')
        opts[1] = self._protocol = offered & ~self.protocol_mask()
        opts[2] = opts[3] = 0
        return Milter.CONTINUE

    @Milter.noreply
    def connect(self, hostname, family, hostaddr):
        Recorder.connect(self, hostname, family, hostaddr)
        return Milter.CONTINUE

    @Milter.noreply
    def hello(self, heloname):
        Recorder.hello(self, heloname)
        return Milter.CONTINUE

    @Milter.noreply
    def envfrom(self, mailfrom, *params):
        Recorder.envfrom(self, mailfrom, *params)
        return Milter.CONTINUE

    @Milter.noreply
    def envrcpt(self, to, *params):
        Recorder.envrcpt(self, to, *params)
        return Milter.CONTINUE

    @Milter.nocallback
    def data(self):
        return Milter.CONTINUE

    @Milter.nocallback
    def unknown(self, cmd):
        return Milter.CONTINUE

    @Milter.noreply
    def header(self, name, value):
        Recorder.header(self, name, value)
        return Milter.CONTINUE

    @Milter.noreply
    def eoh(self):
        Recorder.eoh(self)
        return Milter.CONTINUE

    @Milter.noreply
    def body(self, chunk):
        self.seen['body'] += chunk
        self.seen.setdefault('chunks', []).append(len(chunk))
        return Milter.CONTINUE


Lean = Milter.header_leading_space(Lean)


class NoOp(Milter.Base):
    """Takes every event, replies continue to each, records nothing: the cheapest filter that sees it all."""

    def connect(self, hostname, family, hostaddr):
        return Milter.CONTINUE

    def hello(self, heloname):
        return Milter.CONTINUE

    def envfrom(self, mailfrom, *params):
        return Milter.CONTINUE

    def envrcpt(self, to, *params):
        return Milter.CONTINUE

    def data(self):
        return Milter.CONTINUE

    def header(self, name, value):
        return Milter.CONTINUE

    def eoh(self):
        return Milter.CONTINUE

    def body(self, chunk):
        return Milter.CONTINUE

    def eom(self):
        return Milter.CONTINUE

if __name__ == '__main__':
    SOCKET, REPORT_DIR = sys.argv[1], sys.argv[2]
    mode = sys.argv[3] if len(sys.argv) > 3 else 'full'
    Milter.factory = {'lean': Lean, 'noop': NoOp}.get(mode, Recorder)
    sys.stdout.write('test milter (%s) on %s\n' % (mode, SOCKET))
    sys.stdout.flush()
    Milter.runmilter('pillarbox-test', SOCKET, 60)
