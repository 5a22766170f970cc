import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/** A bar on a terminal; plain lines (at most one per 10%) when piped, so logs stay readable. */
export function progress(title: string): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${title} [{bar}] {percentage}% {value}/{total} {label}`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, label = '') {
        if (!started) {
          bar.start(Math.max(total, 1), 0, { label });
          started = true;
        }
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { label });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastDecile = -1;
  let lastLabel = '';
  return {
    update(done, total, label = '') {
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile !== lastDecile || label !== lastLabel) {
        lastDecile = decile;
        lastLabel = label;
        process.stderr.write(`${title}: ${done}/${total}${label ? ` (${label})` : ''}\n`);
      }
    },
    stop() {},
  };
}
