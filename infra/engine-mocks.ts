// Pulumi's engine mocks (pulumi.runtime.setMocks), for the tests and the benchmark (index.ts never loads it),
// plus a record of what the engine was asked to register: type, name, parent, provider and the dependency
// URNs, read from the real RegisterResource requests, so tests check the edges the engine would order an
// update by.
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string;
  readonly provider: string;
  readonly dependencies: readonly string[];
  readonly inputs: Record<string, unknown>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getDependenciesList(): string[];
}

/** What other stacks' outputs a StackReference reads, by stack name (tests set them). */
export const stackOutputs = new Map<string, Record<string, unknown>>();

/** Installs the mocks; returns the live list of registrations. Call before the program creates resources. */
export function installMocks(project = "meshc-mesh", stack = "test"): Registration[] {
  const registrations: Registration[] = [];
  // Keyed by type and name (unique in a stack), so matching a request costs nothing at 30 000 resources.
  const pending = new Map<string, Omit<Registration, "inputs" | "urn">>();
  void pulumi.runtime.setMocks(
    {
      newResource(args) {
        // A StackReference is read, not registered: the engine answers with the other stack's outputs.
        if (args.type === "pulumi:pulumi:StackReference") return { id: args.id ?? args.name, state: { name: args.name, outputs: stackOutputs.get(args.name) ?? {}, secretOutputNames: [] } };
        const request = pending.get(`${args.type}|${args.name}`);
        if (!request) throw new Error(`no request recorded for ${args.type} ${args.name}`);
        pending.delete(`${args.type}|${args.name}`);
        const parentType = request.parent ? request.parent.split("::")[2]! : "";
        const urn = `urn:pulumi:${stack}::${project}::${parentType ? `${parentType}$` : ""}${args.type}::${args.name}`;
        registrations.push({ ...request, urn, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    project,
    stack,
    false,
  );
  // The mock monitor hands newResource() no dependencies; the request it receives has them.
  const monitor = (require("@pulumi/pulumi/runtime/settings") as { getMonitor(): { registerResource(req: RegisterRequest, cb: unknown): unknown } }).getMonitor();
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    pending.set(`${req.getType()}|${req.getName()}`, { type: req.getType(), name: req.getName(), parent: req.getParent(), provider: req.getProvider(), dependencies: req.getDependenciesList() });
    return original(req, cb);
  };
  return registrations;
}

/** Resolves when every given resource is registered. */
export function registered(resources: readonly pulumi.Resource[]): Promise<unknown> {
  return new Promise((resolve) => pulumi.all(resources.map((r) => r.urn)).apply(resolve));
}
