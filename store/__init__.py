"""Where the pipeline's results are kept: frames built from extractions, written atomically."""
