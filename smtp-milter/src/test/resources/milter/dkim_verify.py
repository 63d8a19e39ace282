#!/usr/bin/python3
"""Verifies the DKIM signatures of the message on stdin with Debian's python3-dkim, answering DNS queries for
the key from the TXT record file opendkim-genkey wrote (so no DNS is needed).

Usage: dkim_verify.py SELECTOR._domainkey.DOMAIN RECORD_FILE < message
Prints "verified" and exits 0 when every signature verifies, else prints why and exits 1.
"""
import re
import sys

import dkim


def main():
    name, record_file = sys.argv[1], sys.argv[2]
    with open(record_file) as f:
        record = ''.join(re.findall(r'"([^"]*)"', f.read()))

    def dnsfunc(query, timeout=5):
        q = query.decode() if isinstance(query, bytes) else query
        if q.rstrip('.') == name:
            return record.encode()
        return None

    message = sys.stdin.buffer.read()
    try:
        ok = dkim.DKIM(message).verify(dnsfunc=dnsfunc)
    except dkim.DKIMException as e:
        print('not verified: %s' % e)
        return 1
    print('verified' if ok else 'not verified')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
