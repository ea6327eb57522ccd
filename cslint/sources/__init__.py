"""Where text comes from: finding files, decoding bytes, source files with their offset maps, streaming large exports."""
