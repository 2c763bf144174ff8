import type { GatewayConfig } from './config.js';

/**
 * Returns the configuration in a form safe to log once at start: keys appear only as counts per
 * role, and the Modal proxy credentials only as whether they are set.
 */
export function describeConfig(config: GatewayConfig): Record<string, unknown> {
  const keysPerRole: Record<string, number> = {};
  for (const entry of config.apiKeys) {
    keysPerRole[entry.role] = (keysPerRole[entry.role] ?? 0) + 1;
  }
  return {
    production: config.production,
    host: config.host,
    port: config.port,
    apiKeys: { ...keysPerRole, generatedForThisRun: config.generatedKeys },
    catalogPath: config.catalogPath ?? '(built-in catalog)',
    dataDir: config.dataDir,
    workflowsDir: config.workflowsDir ?? '(not set)',
    workflowsCatalogPath: config.workflowsCatalogPath ?? '(not set)',
    modal: {
      workspace: config.modal.workspace ?? '(from catalog)',
      urlPattern: config.modal.urlPattern ?? '(from catalog)',
      originOverride: config.modal.originOverride ?? '(none)',
      proxyAuth: config.modal.proxyAuth ? '[redacted]' : '(none)',
    },
    endpointDeadlineSeconds: Object.fromEntries(config.endpointDeadlines),
    appConcurrency: Object.fromEntries(config.appConcurrency),
    maxImageBytes: config.maxImageBytes,
    maxVideoBytes: config.maxVideoBytes,
    logLevel: config.logLevel,
    limits: config.limits,
    probeCacheSeconds: config.probeCacheSeconds,
  };
}
