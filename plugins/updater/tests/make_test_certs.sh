#!/usr/bin/env bash
# Makes the certificates the updater's integration tests use, in directory $1:
#   ca.pem / ca.key            the test CA the client is told to trust (updater.ca_file)
#   server.pem / server.key    signed by that CA, valid for IP 127.0.0.1
#   wrong_host.pem / .key      signed by that CA, valid only for DNS wrong.example
#   rogue_ca.pem / .key        a CA the client does not trust
#   rogue.pem / rogue.key      signed by the rogue CA, valid for IP 127.0.0.1
set -euo pipefail
dir=$1
openssl=${OPENSSL:-openssl}
mkdir -p "$dir"
cd "$dir"

make_ca() { # name subject
    "$openssl" req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 2 \
        -subj "/CN=$2" -keyout "$1.key" -out "$1.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}

make_leaf() { # name ca subjectAltName
    "$openssl" req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
        -subj "/CN=pico updater test server" -keyout "$1.key" -out "$1.csr" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$3" >"$1.ext"
    "$openssl" x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -sha256 -days 2 \
        -extfile "$1.ext" -out "$1.pem" 2>/dev/null
    rm -f "$1.csr" "$1.ext"
}

make_ca ca "pico updater test CA"
make_ca rogue_ca "pico updater rogue CA"
make_leaf server ca "IP:127.0.0.1"
make_leaf wrong_host ca "DNS:wrong.example"
make_leaf rogue rogue_ca "IP:127.0.0.1"
