"""Checks the plugin.json that pico_add_plugin wrote for manifest_json/CMakeLists.txt."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    m = json.load(f)  # fails on invalid JSON, which is the point
expected = {
    "id": "quoting_probe",
    "name": 'Quote "me"',
    "version": "2.3.4",
    "sdk_version": "1.1.0",
    "description": 'Says "hi", a back\\slash, a\ttab and @PROJECT_NAME@ unexpanded',
    "depends": ["other"],
    "front_end": True,
    "fail_closed": False,
    "options": ["include"],
    "library": "quoting_probe.so",
    "config": [{"key": "quoting_probe.greeting", "type": "string", "default": 'say "hi"'}],
}
if m != expected:
    print("manifest differs:\n got      %r\n expected %r" % (m, expected), file=sys.stderr)
    sys.exit(1)
print("plugin.json is valid JSON with every field as given")
