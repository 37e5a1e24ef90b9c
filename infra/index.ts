// `pulumi up` entry: reads the stack config (Pulumi.example.yaml documents it) and deploys the mesh.
import * as pulumi from "@pulumi/pulumi";
import { DeployError } from "./deploy-error";
import { deployMesh } from "./program";
import { readStackConfig } from "./stack-config";

export = async () => {
  try {
    const deployed = await deployMesh(readStackConfig(new pulumi.Config("meshc"), __dirname));
    return { zones: deployed.outputs, policyDigest: deployed.policyDigest };
  } catch (error) {
    // RunError prints the message alone, without a stack trace: the diagnostics are the message.
    if (error instanceof DeployError) throw new pulumi.RunError(error.message);
    throw error;
  }
};
