/** An error of the deployment's input (stack config, policy, build output), reported without a stack trace. */
export class DeployError extends Error {}
