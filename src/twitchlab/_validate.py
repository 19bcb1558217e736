"""One boundary validator for the package, in the manner of scikit-learn's ``check_scalar``.

Every public function of twitchlab checks its arguments on entry with these helpers, so every
refusal has the same shape::

    <name>=<value> is not allowed: <what is allowed>

naming the argument, the value given and what would be accepted (with its unit). A value of the
wrong *type* raises :class:`ArgumentTypeError`, which is both a ``TypeError`` and a
``ValueError`` (callers that catch either keep working); a value of the right type but outside
what is allowed raises ``ValueError``. numpy scalars are accepted wherever a Python number or
bool is, and ``bool`` is never accepted as a number.

Examples
--------
>>> check_number(38.5, "fever_c", min_val=34, max_val=43, unit="°C")
38.5
>>> check_number(float("nan"), "fever_c", min_val=34, max_val=43, unit="°C")
Traceback (most recent call last):
...
ValueError: fever_c=nan is not allowed: a finite number from 34 to 43 °C
>>> check_int(True, "n_cases", min_val=1)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
twitchlab._validate.ArgumentTypeError: n_cases=True is not allowed: a whole number >= 1 ...
>>> check_word("tremor", "movement", ("jerk", "twitch"))
Traceback (most recent call last):
...
ValueError: movement='tremor' is not allowed: one of 'jerk', 'twitch'
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = [
    "ArgumentTypeError", "check_number", "check_int", "check_bool", "check_word", "check_words",
    "check_array", "check_instance", "check_size", "describe_range", "MAX_ELEMENTS",
]

MAX_ELEMENTS = 50_000_000
"""Largest array (elements) a function may be asked to build: about 400 MB of float64. Bigger
requests are refused before anything is allocated."""


class ArgumentTypeError(TypeError, ValueError):
    """An argument of the wrong type. Both a ``TypeError`` and a ``ValueError``."""


def _show(value: Any) -> str:
    """repr of a value, shortened so that a huge argument does not flood the message."""
    try:
        if isinstance(value, np.ndarray):
            text = f"array(shape={value.shape}, dtype={value.dtype})"
        elif isinstance(value, np.generic):
            text = repr(value.item())
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**30:
            text = f"{'-' if value < 0 else ''}an integer of {len(str(abs(value)))} digits"
        else:
            text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real message
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 80 else text[:77] + "..."


def _fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def describe_range(min_val: float | None = None, max_val: float | None = None, unit: str = "",
                   *, min_inclusive: bool = True, max_inclusive: bool = True) -> str:
    """Words for an allowed interval, for messages: ``" from 0 to 1 s"``, ``" > 0 Hz"``.

    >>> describe_range(0, 60, "s")
    ' from 0 to 60 s'
    >>> describe_range(0, None, "Hz", min_inclusive=False)
    ' > 0 Hz'
    """
    u = f" {unit}" if unit else ""
    if min_val is not None and max_val is not None:
        if min_inclusive and max_inclusive:
            return f" from {_fmt(min_val)} to {_fmt(max_val)}{u}"
        lo = ">=" if min_inclusive else ">"
        hi = "<=" if max_inclusive else "<"
        return f" {lo} {_fmt(min_val)} and {hi} {_fmt(max_val)}{u}"
    if min_val is not None:
        return f" {'>=' if min_inclusive else '>'} {_fmt(min_val)}{u}"
    if max_val is not None:
        return f" {'<=' if max_inclusive else '<'} {_fmt(max_val)}{u}"
    return f"{u}" if u else ""


def _refuse(name: str, value: Any, allowed: str, *, wrong_type: bool = False) -> None:
    cls = ArgumentTypeError if wrong_type else ValueError
    raise cls(f"{name}={_show(value)} is not allowed: {allowed}")


def _none_text(allow_none: bool) -> str:
    return "None (unknown) or " if allow_none else ""


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool | np.bool_)


def check_number(value: Any, name: str, *, min_val: float | None = None,
                 max_val: float | None = None, unit: str = "", min_inclusive: bool = True,
                 max_inclusive: bool = True, allow_none: bool = False) -> float | None:
    """A finite real number within bounds, returned as a Python ``float``.

    Parameters
    ----------
    value : Any
        What the caller passed.
    name : str
        The argument's name, as the caller wrote it (used in the message).
    min_val, max_val : float, optional
        Bounds, in ``unit``; ``None`` for no bound.
    unit : str
        Unit for the message (``"s"``, ``"°C"``, ``"Hz"``).
    min_inclusive, max_inclusive : bool
        Whether the bounds themselves are allowed.
    allow_none : bool
        Whether ``None`` (unknown) is accepted; it is returned as ``None``.

    Returns
    -------
    float or None

    Examples
    --------
    >>> check_number(np.float32(1.5), "duration_s", min_val=0, unit="s")
    1.5
    >>> check_number(10**400, "duration_s", min_val=0, max_val=3600, unit="s")
    Traceback (most recent call last):
    ...
    ValueError: duration_s=an integer of 401 digits is not allowed: a finite number from 0 to 3600 s
    """
    rng = describe_range(min_val, max_val, unit, min_inclusive=min_inclusive,
                         max_inclusive=max_inclusive)
    allowed = f"{_none_text(allow_none)}a finite number{rng}"
    if value is None and allow_none:
        return None
    if _is_bool(value) or not isinstance(value, numbers.Real):
        _refuse(name, value, allowed + " (int or float, not bool or text)", wrong_type=True)
    try:
        x = float(value)
    except (OverflowError, ValueError, TypeError):
        _refuse(name, value, allowed)
    if not math.isfinite(x):
        _refuse(name, value, allowed)
    if min_val is not None and (x < min_val or (x == min_val and not min_inclusive)):
        _refuse(name, value, allowed)
    if max_val is not None and (x > max_val or (x == max_val and not max_inclusive)):
        _refuse(name, value, allowed)
    return x


def check_int(value: Any, name: str, *, min_val: int | None = None, max_val: int | None = None,
              unit: str = "", allow_none: bool = False) -> int | None:
    """A whole number (``int`` or numpy integer, not ``bool``) within bounds, returned as ``int``.

    Examples
    --------
    >>> check_int(np.int64(7), "seed", min_val=0)
    7
    >>> check_int(2.5, "n_cases", min_val=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    twitchlab._validate.ArgumentTypeError: n_cases=2.5 is not allowed: a whole number >= 1 ...
    """
    allowed = f"{_none_text(allow_none)}a whole number{describe_range(min_val, max_val, unit)}"
    if value is None and allow_none:
        return None
    if _is_bool(value) or not isinstance(value, numbers.Integral):
        _refuse(name, value, allowed + " (int, not bool)", wrong_type=True)
    x = int(value)
    if (min_val is not None and x < min_val) or (max_val is not None and x > max_val):
        _refuse(name, value, allowed)
    return x


def check_bool(value: Any, name: str, *, allow_none: bool = False) -> bool | None:
    """``True`` or ``False`` (``numpy.bool_`` too), returned as a Python ``bool``.

    >>> check_bool(np.True_, "rhythmic")
    True
    >>> check_bool("yes", "twitches")
    Traceback (most recent call last):
    ...
    twitchlab._validate.ArgumentTypeError: twitches='yes' is not allowed: True or False
    """
    if value is None and allow_none:
        return None
    if not _is_bool(value):
        _refuse(name, value, f"{_none_text(allow_none)}True or False", wrong_type=True)
    return bool(value)


def _words_text(allowed: Iterable[str]) -> str:
    return ", ".join(repr(w) for w in allowed)


def check_word(value: Any, name: str, allowed: Sequence[str], *,
               allow_none: bool = False) -> str | None:
    """One of the allowed words (exact, case-sensitive).

    >>> check_word("left", "side", ("left", "right"))
    'left'
    """
    text = f"{_none_text(allow_none)}one of {_words_text(allowed)}"
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        _refuse(name, value, text, wrong_type=True)
    if value not in allowed:
        _refuse(name, value, text)
    return str(value)


def check_words(value: Any, name: str, allowed: Sequence[str], *, allow_none: bool = False,
                unique: bool = True) -> tuple[str, ...] | None:
    """A list or tuple of allowed words (empty means none), returned as a tuple.

    >>> check_words(["sound"], "provoked_by", ("sound", "touch"))
    ('sound',)
    >>> check_words("sound", "provoked_by", ("sound", "touch"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    twitchlab._validate.ArgumentTypeError: provoked_by='sound' is not allowed: a list of words ...
    """
    text = f"{_none_text(allow_none)}a list of words from {_words_text(allowed)}"
    if value is None and allow_none:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple | np.ndarray):
        _refuse(name, value, text, wrong_type=True)
    seen: list[str] = []
    for item in list(value):
        if not isinstance(item, str) or item not in allowed:
            _refuse(f"{name} item", item, f"one of {_words_text(allowed)}")
        if unique and item in seen:
            _refuse(f"{name} item", item, "each word once")
        seen.append(str(item))
    return tuple(seen)


def check_size(n: int, name: str, *, per_item: int = 1, max_elements: int = MAX_ELEMENTS) -> int:
    """Refuse, before allocation, a request for more than ``max_elements`` array elements.

    ``n`` is the count asked for and ``per_item`` how many elements each one needs.

    >>> check_size(10**9, "n", per_item=180)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: n=1000000000 is not allowed: at most 277777 here (each needs about 180 values; ...
    """
    n = check_int(n, name, min_val=0)
    if n * max(1, per_item) > max_elements:
        most = max_elements // max(1, per_item)
        _refuse(name, n, f"at most {most} here (each needs about {per_item} values; the limit "
                         f"is {max_elements} values, about {max_elements * 8 // 10**6} MB)")
    return n


def check_array(value: Any, name: str, *, ndim: int = 1, min_val: float | None = None,
                max_val: float | None = None, unit: str = "", finite: bool = True,
                sorted_: bool = False, min_size: int = 0, size: int | None = None,
                max_size: int = MAX_ELEMENTS) -> np.ndarray:
    """A numeric array of the given dimension, finite, within bounds, optionally sorted.

    Returns a float64 ``ndarray`` (a copy when conversion was needed). Lists, tuples and arrays
    are accepted; text, ``None``, dicts and booleans are not.

    >>> check_array([0.0, 1.5, 3.0], "onsets_s", sorted_=True, min_val=0, unit="s")
    array([0. , 1.5, 3. ])
    >>> check_array([2.0, 1.0], "onsets_s", sorted_=True)
    Traceback (most recent call last):
    ...
    ValueError: onsets_s=[2.0, 1.0] is not allowed: values sorted in increasing order
    """
    what = f"a {ndim}-D sequence of numbers"
    if isinstance(value, str | bytes | dict) or value is None or _is_bool(value):
        _refuse(name, value, what, wrong_type=True)
    if not isinstance(value, np.ndarray | list | tuple | range) and not hasattr(value,
                                                                               "__array__"):
        _refuse(name, value, what, wrong_type=True)
    if isinstance(value, list | tuple) and len(value) > max_size:
        _refuse(name, f"a sequence of {len(value)} values", f"at most {max_size} values")
    raw = np.asarray(value)
    if raw.dtype == bool or raw.dtype.kind not in "iuf":
        if raw.dtype.kind == "O" or raw.dtype.kind in "USb":
            _refuse(name, value, what + " (no text, None or bool)", wrong_type=True)
        if raw.dtype.kind not in "iuf":
            _refuse(name, value, what, wrong_type=True)
    arr = raw.astype(float, copy=False)
    if arr.ndim != ndim:
        _refuse(name, value, f"{what} (got {arr.ndim} dimensions)")
    if arr.size > max_size:
        _refuse(name, value, f"at most {max_size} values")
    if arr.size < min_size:
        _refuse(name, value, f"{what} with at least {min_size} values")
    if size is not None and arr.size != size:
        _refuse(name, value, f"{what} with {size} values (got {arr.size})")
    if finite and arr.size and not np.all(np.isfinite(arr)):
        _refuse(name, value, "finite values (no NaN or infinity)")
    if arr.size and (min_val is not None or max_val is not None):
        bad = np.zeros(arr.shape, dtype=bool)
        if min_val is not None:
            bad |= arr < min_val
        if max_val is not None:
            bad |= arr > max_val
        if bad.any():
            _refuse(name, value, f"values{describe_range(min_val, max_val, unit)} "
                                 f"(found {float(arr[bad].flat[0]):g})")
    if sorted_ and arr.size > 1 and np.any(np.diff(arr.reshape(-1)) < 0):
        _refuse(name, value, "values sorted in increasing order")
    return arr


def check_instance(value: Any, name: str, cls: type | tuple[type, ...], what: str = "") -> Any:
    """An instance of ``cls`` (a Timeline, an EMG trace, ...).

    >>> check_instance(None, "timeline", dict, "a Timeline")
    Traceback (most recent call last):
    ...
    twitchlab._validate.ArgumentTypeError: timeline=None is not allowed: a Timeline
    """
    if not isinstance(value, cls):
        names = cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls)
        _refuse(name, value, what or f"a {names}", wrong_type=True)
    return value
