export function onShutdown(task: () => Promise<void>): void;
export function runShutdown(timeoutMs: number): Promise<void>;
