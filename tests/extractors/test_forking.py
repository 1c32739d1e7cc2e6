"""A forked child prints nothing of what the fork drops, then logs as its parent does once it asks to."""

import gc
import logging
import os
import sys

from extractors.forking import fork_quietly, speak_again

_DROPPED_AT_FORK: list = []  # what a library's at-fork hook lets go of in the child (as Prefect's services do)


def _drop_in_child() -> None:
    _DROPPED_AT_FORK.clear()


os.register_at_fork(after_in_child=_drop_in_child)  # stays registered: harmless once the list is empty


class _PendingTask:
    def __init__(self):
        self.parent = os.getpid()

    def __del__(self):  # complains only where the fork dropped it
        if os.getpid() == self.parent:
            return
        logging.getLogger("reportfacts.test_forking").error("Task was destroyed but it is pending!")
        raise AssertionError("a coroutine closed by its destructor")


def test_the_child_prints_nothing_of_the_fork_then_logs_as_the_parent(capfd):
    logger = logging.getLogger("reportfacts.test_forking")
    handler = logging.StreamHandler(sys.stderr)  # to the file descriptor the child shares
    logger.addHandler(handler)
    reader, writer = os.pipe()
    try:
        _DROPPED_AT_FORK.append(_PendingTask())
        pid = fork_quietly()
        if pid == 0:
            code = 1
            try:
                speak_again()
                logger.error("the child extracts")
                os.write(writer, b"frozen" if gc.get_freeze_count() > 0 else b"not frozen")
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        answer = os.read(reader, 100)
        _, status = os.waitpid(pid, 0)
        logger.error("the parent goes on")
    finally:
        logger.removeHandler(handler)
        _DROPPED_AT_FORK.clear()
        os.close(reader)
    err = capfd.readouterr().err
    assert os.WEXITSTATUS(status) == 0 and answer == b"frozen"  # what it inherited is never collected there
    assert "the child extracts" in err and "the parent goes on" in err
    assert "Task was destroyed" not in err and "destructor" not in err
    assert gc.get_freeze_count() == 0  # the parent's collector is untouched
