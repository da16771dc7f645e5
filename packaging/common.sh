# Shared by the packaging scripts (sourced, not run): the version, the output folder and the
# self-contained linux-x64 publish. Everything comes from NuGet and the repository; no other download.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/Monitor.Cli/Monitor.Cli.csproj")
[ -n "$version" ] || { echo "packaging: no <Version> in src/Monitor.Cli/Monitor.Cli.csproj" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# publish_self_contained DIR: the linux-x64 build with its own .NET runtime in DIR (emptied first).
# MonitorSelfContained (see Monitor.Cli.csproj) rather than `-r linux-x64`, so the restore stays
# locked under CI=true. English-only satellite resources keep 17 folders of translations out.
publish_self_contained() {
  rm -rf "$1"
  dotnet publish "$root/src/Monitor.Cli" -c Release --nologo -v quiet \
    -p:MonitorSelfContained=true -p:SatelliteResourceLanguages=en -o "$1"
  rm -f "$1"/*.xml
}
