// The host page injects the tenant as a global before the app boots.
const DEFAULT_THEME = { primary: '#224488', logo: '/static/logo.svg' };

export function currentTheme() {
  const tenant = globalThis.__TENANT__;
  return tenant?.theme ? { ...DEFAULT_THEME, ...tenant.theme } : DEFAULT_THEME;
}

export function footerText(year) {
  const owner = globalThis.__TENANT__?.legalName ?? 'Samples Ltd';
  return `© ${year} ${owner}`;
}
