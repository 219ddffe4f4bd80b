import type { EventContext, EventHandler } from "./event-context.ts";

/** Records a contract-wide setting's latest value (JSON of the named arguments). */
export const contractSetting =
  (setting: string, argumentNames: readonly string[]): EventHandler =>
  (ctx: EventContext) => {
    const value = Object.fromEntries(argumentNames.map((name) => [name, ctx.log.args?.[name]]));
    ctx.state.contractSettings.put({
      chainId: ctx.chainId,
      contractAddress: ctx.contract,
      setting,
      value: JSON.stringify(argumentNames.length === 1 ? value[argumentNames[0] as string] : value),
      updatedBlock: ctx.block,
    });
  };

/** `OwnershipTransferred`, which every Cortensor contract emits. */
export const ownershipTransferred = contractSetting("owner", ["newOwner"]);
