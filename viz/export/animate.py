"""Animated GIF and MP4 from frames: one frame per step, each shown ``frame_ms``, the last
held ``hold_ms`` so the finished pass stays on screen before a loop starts again."""

from __future__ import annotations

import io
import math
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

FRAME_MS = 1500
HOLD_MS = 4000


def gif(frames: list[Image.Image], frame_ms: int = FRAME_MS, hold_ms: int = HOLD_MS) -> bytes:
    """One GIF frame per step (its own palette), looping; the last one held."""
    durations = [frame_ms] * (len(frames) - 1) + [max(frame_ms, hold_ms)]
    paletted = [f.convert("P", palette=Image.Palette.ADAPTIVE, colors=255) for f in frames]
    out = io.BytesIO()
    paletted[0].save(out, "GIF", save_all=True, append_images=paletted[1:], duration=durations, loop=0,
                     disposal=1, optimize=False)  # fmt: skip
    return out.getvalue()


def mp4(frames: list[Image.Image], frame_ms: int = FRAME_MS, hold_ms: int = HOLD_MS) -> bytes:
    """H.264 through imageio's ffmpeg at one frame per ``frame_ms``; the last repeated to
    last ``hold_ms`` (a video frame has no duration of its own)."""
    import imageio.v2 as imageio

    fps = 1000 / frame_ms
    held = [frames[-1]] * max(0, math.ceil(hold_ms / frame_ms) - 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.mp4"
        writer = imageio.get_writer(path, fps=fps, codec="libx264", quality=8, macro_block_size=16,
                                    pixelformat="yuv420p", ffmpeg_log_level="error")  # fmt: skip
        with writer:
            for frame in [*frames, *held]:
                writer.append_data(np.asarray(frame.convert("RGB")))
        return path.read_bytes()
