// The OpenAPI schemas of the pinned Kubernetes release, as the validators kubernetes-models compiles from them
// (kubernetes-models 5.1.0; its 5.0 line was generated from Kubernetes v1.36.0). One entry per kind meshc
// writes; the package is ESM-only, so each is loaded once, on first use, with a dynamic import.
export const KUBERNETES_RELEASE = "1.36";

export type Validate = ((data: unknown) => boolean) & { errors?: readonly SchemaError[] | null };

/** One ajv finding, as the compiled validators report it. */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

const LOADERS: Readonly<Record<string, () => Promise<{ validate: unknown }>>> = {
  "v1/Namespace": () => import("kubernetes-models/_schemas/IoK8sApiCoreV1Namespace"),
  "v1/ServiceAccount": () => import("kubernetes-models/_schemas/IoK8sApiCoreV1ServiceAccount"),
  "v1/Service": () => import("kubernetes-models/_schemas/IoK8sApiCoreV1Service"),
  "v1/ConfigMap": () => import("kubernetes-models/_schemas/IoK8sApiCoreV1ConfigMap"),
  "apps/v1/Deployment": () => import("kubernetes-models/_schemas/IoK8sApiAppsV1Deployment"),
  "rbac.authorization.k8s.io/v1/Role": () => import("kubernetes-models/_schemas/IoK8sApiRbacV1Role"),
  "rbac.authorization.k8s.io/v1/RoleBinding": () => import("kubernetes-models/_schemas/IoK8sApiRbacV1RoleBinding"),
};

const loaded = new Map<string, Promise<Validate>>();
/** The validators loaded so far, for a caller that cannot wait (schemaNow). */
const ready = new Map<string, Validate>();

/** The schema validator of apiVersion/kind, or undefined when meshc has none for it. */
export function schemaFor(apiVersion: string, kind: string): Promise<Validate> | undefined {
  const key = `${apiVersion}/${kind}`;
  const load = LOADERS[key];
  if (!load) return undefined;
  let validate = loaded.get(key);
  if (!validate) {
    validate = load().then((m) => {
      ready.set(key, m.validate as Validate);
      return m.validate as Validate;
    });
    loaded.set(key, validate);
  }
  return validate;
}

/** The validator of apiVersion/kind if it is loaded; null when meshc has none for it; undefined when not loaded yet. */
export function schemaNow(apiVersion: string, kind: string): Validate | null | undefined {
  const key = `${apiVersion}/${kind}`;
  return LOADERS[key] ? ready.get(key) : null;
}

/** Loads every kind's validator, so that schemaNow has them all. */
export async function loadAllSchemas(): Promise<void> {
  await Promise.all(Object.keys(LOADERS).map((key) => schemaFor(key.slice(0, key.lastIndexOf("/")), key.slice(key.lastIndexOf("/") + 1))));
}

export function knownKinds(): string[] {
  return Object.keys(LOADERS);
}
