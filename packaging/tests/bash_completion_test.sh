#!/usr/bin/env bash
# The completion offers the program's commands and a command's own options, as bash would ask.
set -euo pipefail
completion=$1 bindir=$2
framework=/usr/share/bash-completion/bash_completion
if [[ ! -f $framework ]]; then
    echo "SKIP: bash-completion is not installed"
    exit 77
fi
complete_line() {
    # $@: the words on the line; the last one is being completed.
    PATH="$bindir:$PATH" bash --norc -c '
        source "$1"; source "$2"; shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
        _picotorrent picotorrent "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"' _ "$framework" "$completion" "$@"
}
got=$(complete_line picotorrent d)
[[ $got == download ]] || { echo "FAIL: 'picotorrent d' completed to '$got', not 'download'" >&2; exit 1; }
got=$(complete_line picotorrent download --pe)
[[ $got == --peer ]] || { echo "FAIL: 'picotorrent download --pe' completed to '$got', not '--peer'" >&2; exit 1; }
got=$(complete_line picotorrent config "")
[[ $got == show ]] || { echo "FAIL: 'picotorrent config ' completed to '$got', not 'show'" >&2; exit 1; }
echo "PASS: commands, options and config actions complete"
