"""The database manager is closed: nobody who reaches the port lists the
databases or downloads a backup with the well-known master password."""

import configparser
import shutil
import subprocess
import xmlrpc.client
from pathlib import Path

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import config, mute_logger, str2bool

ROOT = Path(__file__).resolve().parent.parent
# what the database manager logs when it refuses (the refusal is the point)
REFUSAL_LOGGERS = ("odoo.service.db", "odoo.http", "odoo.addons.web.controllers.database")


@tagged("post_install", "-at_install")
class TestDatabaseManager(HttpCase):
    def _assert_manager_off(self):
        """Guard of the HTTP attacks below: with the manager on, Odoo's backup
        route would first save the posted master password into the config file."""
        self.assertFalse(config["list_db"], "the served instance has list_db on")

    def test_shipped_configuration_has_no_master_password_and_no_listing(self):
        """odoo.conf (used by bin/test and, plus a generated password, by bin/run)
        sets list_db = False and carries no master password, least of all 'admin';
        the password bin/run generates lives in a git-ignored file."""
        parser = configparser.RawConfigParser()
        parser.read(ROOT / "odoo.conf")
        options = dict(parser.items("options"))
        self.assertNotIn("admin_passwd", options)
        self.assertFalse(str2bool(options.get("list_db", "True")))
        self.assertIn("$PS_LOCAL/master-password", (ROOT / "bin" / "run").read_text())
        if (ROOT / ".git").exists() and shutil.which("git"):
            for path in (".local/master-password", ".local/odoo-run.conf"):
                ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
                self.assertEqual(ignored.returncode, 0, f"{path} must stay out of git")

    @mute_logger(*REFUSAL_LOGGERS)
    def test_database_list_is_refused(self):
        """/web/database/list over JSON-RPC and db.list over XML-RPC answer
        with a refusal, not the names of the databases."""
        self._assert_manager_off()
        with self.assertRaises(JsonRpcException) as caught:
            self.make_jsonrpc_request("/web/database/list", {})
        self.assertIn("AccessDenied", str(caught.exception))
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_db.list()

    @mute_logger(*REFUSAL_LOGGERS)
    def test_backup_with_the_default_master_password_is_refused(self):
        """A backup asked with master_pwd=admin (the route of the database
        manager page, and db.dump over XML-RPC) returns no dump of the database."""
        self._assert_manager_off()
        dbname = self.env.cr.dbname
        response = self.url_open(
            "/web/database/backup",
            data={"master_pwd": "admin", "name": dbname, "backup_format": "zip"},
            allow_redirects=False,
        )
        self.assertFalse(response.content.startswith(b"PK"), "a zip backup was served")
        self.assertNotIn("application/octet-stream", response.headers.get("Content-Type", ""))
        self.assertNotIn("attachment", response.headers.get("Content-Disposition", ""))
        for backup_format in ("zip", "dump"):
            with self.assertRaises(xmlrpc.client.Fault):
                self.xmlrpc_db.dump("admin", dbname, backup_format)
