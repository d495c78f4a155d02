#!/usr/bin/env bash
# Renders the nginx configuration of the Ada webhook widget: every deploy/nginx/*.conf.template into
# OUT_DIR/*.conf, with the settings of ENV_FILE (see ada-webhooks.env.example). The files it writes
# hold Ada's key in proxy mode, so they are readable by their owner only.
#
#   deploy/render.sh /etc/ada-webhooks.env /etc/nginx/ada-webhooks
#
# then, in nginx.conf's http block:  include /etc/nginx/ada-webhooks/ada-webhooks-http.conf;
# and in the dashboard's server block:
#   include /etc/nginx/ada-webhooks/ada-webhooks-files.conf;        # the widget's files
#   include /etc/nginx/ada-webhooks/ada-webhooks-proxy-mode.conf;   # and/or -token-mode.conf
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 ENV_FILE OUT_DIR" >&2; exit 2; }
env_file=$1 out_dir=$2
templates="$(cd "$(dirname "$0")" && pwd)/nginx"

fail() { echo "render: $*" >&2; exit 1; }

set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
: "${ADA_API_KEY:=}" "${ADA_CAPABILITIES:=}" "${ADA_SESSION_CHECK:=off}"
: "${ADA_WIDGET_DIR:=/srv/ada-webhooks-admin/dist}" "${ADA_WIDGET_PATH:=/widgets/ada/}"
: "${ADA_CA_CERTIFICATES:=/etc/ssl/certs/ca-certificates.crt}"
export ADA_ORIGIN ADA_API_KEY ADA_SESSION_CHECK ADA_WIDGET_DIR ADA_WIDGET_PATH ADA_CA_CERTIFICATES

# Each value goes into nginx's syntax as it is: refuse what could end a directive or a string.
[[ "${ADA_ORIGIN:-}" =~ ^https://[A-Za-z0-9.-]+(:[0-9]+)?$ || "${ADA_ORIGIN:-}" =~ ^http://(127\.[0-9.]+|localhost|\[::1\])(:[0-9]+)?$ ]] \
  || fail "ADA_ORIGIN must be https://<instance>.ada.support (no path; plain http only to a loopback address)"
[[ "$ADA_API_KEY" =~ ^[A-Za-z0-9._~+/=-]*$ ]] || fail "ADA_API_KEY holds a character an API key does not"
[[ "$ADA_SESSION_CHECK" == off || "$ADA_SESSION_CHECK" =~ ^/[A-Za-z0-9/._-]*$ ]] \
  || fail "ADA_SESSION_CHECK must be a location such as /auth/ada-admin, or off"
[[ "$ADA_WIDGET_PATH" =~ ^/([A-Za-z0-9._-]+/)*$ ]] || fail "ADA_WIDGET_PATH must be a path that starts and ends with /"
for path in "$ADA_WIDGET_DIR" "$ADA_CA_CERTIFICATES"; do
  [[ "$path" =~ ^/[A-Za-z0-9/._-]+$ ]] || fail "$path: an absolute path of plain characters is expected"
done

# The capabilities' words, as the element's attribute takes them: each listed one is allowed.
export ADA_ALLOW_ROTATE=0 ADA_ALLOW_REVEAL=0 ADA_ALLOW_CREATE=0 ADA_ALLOW_EDIT=0 ADA_ALLOW_DELETE=0
for word in ${ADA_CAPABILITIES//,/ }; do
  case "${word,,}" in
    rotate) ADA_ALLOW_ROTATE=1 ;;
    reveal) ADA_ALLOW_REVEAL=1 ;;
    create) ADA_ALLOW_CREATE=1 ;;
    edit) ADA_ALLOW_EDIT=1 ;;
    delete) ADA_ALLOW_DELETE=1 ;;
    verify | none) ;;   # the delivery check sends nothing of its own
    *) fail "ADA_CAPABILITIES: “$word” is not a capability; use any of rotate reveal verify create edit delete, or none" ;;
  esac
done
if [ "$ADA_ALLOW_ROTATE$ADA_ALLOW_REVEAL$ADA_ALLOW_CREATE$ADA_ALLOW_EDIT$ADA_ALLOW_DELETE" != 00000 ] && [ -z "$ADA_API_KEY" ]; then
  echo "render: ADA_API_KEY is empty: the proxy-mode location would send Ada no key" >&2
fi

names='${ADA_ORIGIN} ${ADA_API_KEY} ${ADA_SESSION_CHECK} ${ADA_WIDGET_DIR} ${ADA_WIDGET_PATH} ${ADA_CA_CERTIFICATES}
  ${ADA_ALLOW_ROTATE} ${ADA_ALLOW_REVEAL} ${ADA_ALLOW_CREATE} ${ADA_ALLOW_EDIT} ${ADA_ALLOW_DELETE}'
mkdir -p "$out_dir"
umask 077
for template in "$templates"/*.conf.template; do
  envsubst "$names" <"$template" >"$out_dir/$(basename "${template%.template}")"
done
