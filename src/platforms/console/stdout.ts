/**
 * A reader that closes our stdout early (`factbot search --stdin --json | head -1`) makes the
 * next write fail with EPIPE, which crashes the process when nobody listens for it. Listening
 * turns that into a quiet stop: `onClosed` runs once, later writes are dropped, and the caller
 * finishes normally (closing the store).
 */
export function onStdoutClosed(onClosed: () => void, out: NodeJS.WriteStream = process.stdout): void {
  let done = false;
  out.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    if (done) return;
    done = true;
    onClosed();
  });
}
