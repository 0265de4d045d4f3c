"""Jupyter's kernel conformance suite (jupyter_kernel_test) against the clusterlab kernel.

Run by conformance.test.ts with JUPYTER_PATH pointing at a temporary kernelspec install; every
optional sample set is filled in, so no test of the suite is skipped.
"""
import unittest

import jupyter_kernel_test


class ClusterlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "clusterlab"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The kernel answers kernel_info before TypeScript is loaded; on a busy machine the first
        # cell can take longer than the suite's 15 s timeout, so wait for it once here.
        cls.kc.execute_interactive("0", timeout=180, output_hook=lambda msg: None)
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs"}},
        {"text": "const conformanceValue = 1; conformanceVal", "matches": {"conformanceValue"}},
    ]

    complete_code_samples = ["1 + 1", "const a = 1;", "function f(x: number) { return x; }"]
    incomplete_code_samples = ["function f(x: number) {", "const xs = [1,", "if (true) {"]

    code_generate_error = 'throw new Error("conformance test error")'

    code_execute_result = [
        {"code": "1+2", "result": "3"},
        {"code": '"clus" + "ter"', "result": "'cluster'"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
        {"code": "({ firms: 3 })", "result": "{ firms: 3 }"},
    ]

    code_display_data = [
        {"code": 'display.html("<b>cluster</b>")', "mime": "text/html"},
        {"code": 'display.markdown("# Chile")', "mime": "text/markdown"},
        {"code": 'display.svg("<svg xmlns=\\"http://www.w3.org/2000/svg\\"></svg>")', "mime": "image/svg+xml"},
        {"code": "display.json({ a: 1 })", "mime": "application/json"},
        {"code": 'display({ [Symbol.for("jupyter.mimebundle")]: () => ({ "text/html": "<i>x</i>" }) })', "mime": "text/html"},
    ]

    code_history_pattern = "1?2"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"
    # IPython's `name?` help, answered with a pager payload.
    code_page_something = "Math.max?"

    code_clear_output = "display.clear()"


if __name__ == "__main__":
    unittest.main()
