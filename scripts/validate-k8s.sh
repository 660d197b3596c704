#!/usr/bin/env bash
# Validates deploy/kubernetes/ offline against the Kubernetes 1.33 schemas (kubernetes-validate
# --strict, from PyPI, installed into target/tools) and checks the settings the manifests
# promise: non-root, read-only root fs, gRPC probes, grace period longer than the drain.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/venv.sh
. "$root/scripts/lib/venv.sh"
make_venv "$root/target/tools/venv" "$root/scripts/requirements-tools.txt"
venv="$root/target/tools/venv"
cd "$root/deploy/kubernetes"
"$venv/bin/kubernetes-validate" --strict --kubernetes-version 1.33.0 \
  configmap.yaml deployment.yaml service.yaml hpa.yaml pdb.yaml
"$venv/bin/python" - <<'PY'
import re
import yaml

dep = yaml.safe_load(open("deployment.yaml"))
pod = dep["spec"]["template"]["spec"]
c = pod["containers"][0]
sc = c["securityContext"]
assert pod["securityContext"]["runAsNonRoot"] is True
assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False
assert sc["capabilities"]["drop"] == ["ALL"]
for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
    assert c[probe]["grpc"]["port"] == 50051, probe
assert c["resources"]["limits"]["memory"]
env = {e["name"]: e["value"] for e in c["env"]}
drain = int(re.fullmatch(r"(\d+)s", env["GAZETTE_DRAIN_TIMEOUT"]).group(1))
pre_stop = c["lifecycle"]["preStop"]["sleep"]["seconds"]
grace = pod["terminationGracePeriodSeconds"]
assert pre_stop + drain < grace, (pre_stop, drain, grace)
print(f"kubernetes: manifests valid; preStop {pre_stop}s + drain {drain}s < grace {grace}s")

# The shared-edits component, merged as kustomize's strategic merge would (lists by name), for
# validation below: both files it names come from read-only Secret mounts.
patch = yaml.safe_load(open("shared-edits/deployment-patch.yaml"))
pc = patch["spec"]["template"]["spec"]["containers"][0]
c["env"] += pc["env"]
c["volumeMounts"] += pc["volumeMounts"]
pod["volumes"] += patch["spec"]["template"]["spec"]["volumes"]
secrets = {v["name"] for v in pod["volumes"] if "secret" in v}
mounts = {m["mountPath"]: m for m in c["volumeMounts"]}
for name in ("GAZETTE_EDIT_STORE", "GAZETTE_ADMIN_TOKEN_FILE"):
    path = next(e["value"] for e in c["env"] if e["name"] == name)
    mount = mounts[path.rsplit("/", 1)[0]]
    assert mount["readOnly"] is True and mount["name"] in secrets, (name, mount)
yaml.safe_dump(dep, open("../../target/shared-edits-deployment.yaml", "w"))
print("kubernetes: shared-edits component: store URL and admin token from read-only Secrets")
PY
"$venv/bin/kubernetes-validate" --strict --kubernetes-version 1.33.0 \
  "$root/target/shared-edits-deployment.yaml"
