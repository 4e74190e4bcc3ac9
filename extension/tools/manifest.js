// The manifest each browser gets: manifest.base.json with that browser's small overlay on top.
// Chrome wants background.service_worker; Firefox wants background.scripts and a gecko id. One
// merged manifest per browser keeps both free of "unrecognised key" warnings.

export const BROWSERS = ["chrome", "firefox"];

/** Merge `overlay` into `base`: objects merge key by key, anything else is replaced. */
export function mergeManifest(base, overlay) {
  const merged = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    merged[key] = isPlainObject(value) && isPlainObject(base[key]) ? mergeManifest(base[key], value) : value;
  }
  return merged;
}

function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
