/** One readable paragraph for a failed start; the local Neo4j manager's errors already say how to fix them. */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      const port = (error as { port?: number }).port;
      return `condition-graph could not start: HTTP port ${port ?? ''} is already in use by another process. Stop that process or choose another port, e.g. PORT=4123 npm start.`;
    }
    return `condition-graph could not start: ${error.message}`;
  }
  return `condition-graph could not start: ${String(error)}`;
}
