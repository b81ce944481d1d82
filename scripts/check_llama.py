"""Check that the installed llama-cpp-python is the portable build.

The native (-march=native) build enables ggml's AMX kernels, which segfault on the first decode on these CPUs.
A portable build (-DGGML_NATIVE=OFF) reports no AMX in llama_print_system_info(). Exit 1 when llama_cpp is
missing or was built native, so scripts/bootstrap.sh rebuilds it.
"""

import sys


def main() -> int:
    quiet = "--quiet" in sys.argv
    try:
        import llama_cpp
    except Exception as exc:  # noqa: BLE001 - any import failure means "rebuild"
        if not quiet:
            print(f"llama_cpp not importable: {exc}", file=sys.stderr)
        return 1
    info = llama_cpp.llama_print_system_info().decode(errors="replace")
    if "AMX" in info:
        print(f"llama_cpp {llama_cpp.__version__} was built native (AMX enabled): rebuild it portable", file=sys.stderr)
        return 1
    if not quiet:
        print(f"llama_cpp {llama_cpp.__version__} portable build ok: {info.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
