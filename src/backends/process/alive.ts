// Whether a process exists, for the real machine.

/** process.kill(pid, 0): delivers no signal, only checks; EPERM means it exists but is not ours. */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};
