/** What is wrong with an artifact's content; the reader turns it into a UsageError that names the file and the flag. */
export class ArtifactError extends Error {}
