// Where Istio's CRDs and their validation suite are (docs: /work/shared/anchors/istio-crds/README.md). The anchor
// folder sits beside the checkout (../shared); a worktree one level deeper finds it at /work/shared.
import { existsSync } from "node:fs";
import { join } from "node:path";

const CANDIDATES = [join(__dirname, "../../../shared/anchors/istio-crds"), "/work/shared/anchors/istio-crds"];

export const ISTIO_ANCHORS = CANDIDATES.find((dir) => existsSync(join(dir, "crd-all.gen.yaml"))) ?? CANDIDATES[0]!;
