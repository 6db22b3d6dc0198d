// The component library's theme: one shared object that components read their tokens from.
export const theme = { mode: 'light', accent: '#3355ff' };

export function setMode(mode) {
  theme.mode = mode;
  return theme.mode;
}

export function buttonClass(variant) {
  return `btn btn-${variant} btn-${theme.mode}`;
}
