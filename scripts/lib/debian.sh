# Sourced by scripts that need a Debian package the machine may lack: installs PACKAGE... with
# apt (package lists refreshed first, as a fresh image has none; through sudo when not root).
#
#   debian_install PACKAGE...
debian_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
