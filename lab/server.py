"""Serve clusterlab's JupyterLab 4 app with Debian's jupyterlab_server.

Usage: /usr/bin/python3 lab_server.py --host-build DIR --state-dir DIR [ServerApp options...]

DIR of --host-build is lab/host/build (static/, schemas/, themes/). --state-dir is a
fresh folder for this run's settings and workspaces. Kernels and labextensions come from the
Jupyter data directory (JUPYTER_DATA_DIR), which the caller points at a temporary folder.
"""
import argparse
import json
import os
import sys

from jupyterlab_server import LabServerApp


def write_overrides(settings_dir):
    """Turn off everything that would reach out to the internet or interrupt a test."""
    overrides = {
        "@jupyterlab/apputils-extension:notification": {
            "checkForUpdates": False,
            "fetchNews": "false",
        },
    }
    os.makedirs(settings_dir, exist_ok=True)
    with open(os.path.join(settings_dir, "overrides.json"), "w", encoding="utf-8") as handle:
        json.dump(overrides, handle, indent=2)


def make_app_class(host_build, state_dir):
    static_dir = os.path.join(host_build, "static")
    settings_dir = os.path.join(state_dir, "app-settings")
    write_overrides(settings_dir)

    class ClusterlabTestLab(LabServerApp):
        name = "lab"
        app_name = "JupyterLab (clusterlab)"
        load_other_extensions = False

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.static_dir = static_dir
            self.templates_dir = static_dir
            self.schemas_dir = os.path.join(host_build, "schemas")
            self.themes_dir = os.path.join(host_build, "themes")
            self.app_settings_dir = settings_dir
            self.user_settings_dir = os.path.join(state_dir, "user-settings")
            self.workspaces_dir = os.path.join(state_dir, "workspaces")
            with open(os.path.join(static_dir, "package.json"), encoding="utf-8") as handle:
                self.app_version = json.load(handle)["version"]

        def initialize_settings(self):
            super().initialize_settings()
            # The page config JupyterLab's own launcher gives its frontend, minus building.
            page_config = self.serverapp.web_app.settings.setdefault("page_config_data", {})
            page_config["buildAvailable"] = False
            page_config["buildCheck"] = False
            page_config["exposeAppInBrowser"] = True
            page_config["token"] = self.serverapp.token
            self.settings["page_config_data"] = page_config

    return ClusterlabTestLab


_APP_CLASS = None


def _jupyter_server_extension_points():
    """jupyter_server finds the application through this hook of the launching module."""
    return [{"module": __name__, "app": _APP_CLASS}]


def main(argv):
    global _APP_CLASS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host-build", required=True)
    parser.add_argument("--state-dir", required=True)
    ours, server_args = parser.parse_known_args(argv)
    for required in ("static/index.html", "static/package.json", "schemas", "themes"):
        if not os.path.exists(os.path.join(ours.host_build, required)):
            parser.error(f"--host-build {ours.host_build} has no {required}: run lab/host/build.js")
    _APP_CLASS = make_app_class(os.path.abspath(ours.host_build), os.path.abspath(ours.state_dir))
    _APP_CLASS.launch_instance(server_args)


if __name__ == "__main__":
    main(sys.argv[1:])
