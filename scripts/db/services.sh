# Services that own a database, and the variable holding each one's URL. Sourced by the db scripts.
DB_SERVICES=(queue-service referral-service notification-service bpjs-bridge gateway)
db_var() {
  case "$1" in
    queue-service) echo QUEUE_DATABASE_URL ;;
    referral-service) echo REFERRAL_DATABASE_URL ;;
    notification-service) echo NOTIFICATION_DATABASE_URL ;;
    bpjs-bridge) echo BPJS_BRIDGE_DATABASE_URL ;;
    gateway) echo GATEWAY_DATABASE_URL ;;
    *) echo "unknown service $1" >&2; return 2 ;;
  esac
}
