export function createSkeleton(name: string) { return [] as import('./files.js').PackageFile[]; }
