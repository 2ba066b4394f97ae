"""Run a command and report its own peak memory: python launcher.py OUT CMD [ARGS...].

Writes three lines to OUT: the child's pid (as soon as it starts), then its peak
RSS in kB and its CPU seconds (user + system), from wait4. A tiny launcher is
needed because Linux carries a process's high-water mark across exec: a CLI
forked straight from a large process (the benchmark, pytest) would report that
process's size, not its own. Used by bench/bench.py and tests/test_adversarial.py.
"""
import os
import sys

out, args = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.execvp(args[0], args)
with open(out, "w") as f:
    f.write(f"{pid}\n")
    f.flush()
    _, status, usage = os.wait4(pid, 0)
    f.write(f"{usage.ru_maxrss}\n{usage.ru_utime + usage.ru_stime}\n")
sys.exit(os.waitstatus_to_exitcode(status))
