"""The declassification attempts as a hostile client makes them: JSON-RPC
calls with forged contexts, then downloads from /web/content (logged in as a
lower clearance, or anonymous with the public flag or an access token)."""

import base64

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import SECRET_BYTES, PsKnowledgeCommon

FORGED = {"ps_internal": True, "ps_knowledge_internal": True, "active_test": False}
REPORT = b"Restructuring: 140 positions cut in Q3."


@tagged("post_install", "-at_install")
class TestPsVaultDeclassifyHttp(PsKnowledgeCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ps_setup_vault()
        cls._ps_admit_member()
        cls.public_folder = cls.env["ps.document.folder"].create(
            {"name": "Brochures", "confidentiality": "public"}
        )
        cls.brochure = cls.env["ps.document"].create(
            {
                "name": "Brochure",
                "folder_id": cls.public_folder.id,
                "confidentiality": "public",
                "upload_file": base64.b64encode(b"Our services"),
                "upload_filename": "brochure.txt",
            }
        )

    def _call(self, model, method, ids, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": [ids, *args],
                "kwargs": {**kwargs, "context": FORGED},
            },
        )

    def _refused(self, model, method, ids, *args, error="UserError", **kwargs):
        with self.assertRaises(JsonRpcException, msg=f"{model}.{method}{args}") as caught:
            self._call(model, method, ids, *args, **kwargs)
        self.assertIn(error, str(caught.exception))

    def _assert_not_served(self, url):
        response = self.url_open(url)
        if not url.startswith("/web/image"):  # which serves a placeholder instead
            self.assertIn(response.status_code, (403, 404), url)
        self.assertNotIn(SECRET_BYTES, response.content, url)

    def _binding(self):
        attachment = self.attachment.sudo()
        attachment.invalidate_recordset()
        return (attachment.res_model, attachment.res_id, attachment.public, attachment.access_token)

    def test_repoint_over_rpc_refused(self):
        """The member's write re-pointing the file to a public document fails;
        the outsider still gets no content from /web/content."""
        before = self._binding()
        self.authenticate("ps_member1", "ps_member1")
        self._refused("ir.attachment", "write", self.attachment.ids, {"res_id": self.brochure.id})
        self._refused(
            "ir.attachment",
            "write",
            self.attachment.ids,
            {"res_model": "res.partner", "res_id": self.member.partner_id.id},
        )
        self._refused("ir.attachment", "copy", self.attachment.ids, {"res_id": self.brochure.id})
        self.assertEqual(self._binding(), before)
        self.authenticate("ps_outsider", "ps_outsider")
        self._assert_not_served(f"/web/content/{self.attachment.id}")
        self._assert_not_served(f"/web/content/{self.attachment.id}?download=true")

    def test_public_over_rpc_refused(self):
        """The member cannot make the file public; anonymous gets nothing."""
        self.authenticate("ps_member1", "ps_member1")
        self._refused("ir.attachment", "write", self.attachment.ids, {"public": True})
        self.assertFalse(self._binding()[2])
        self.authenticate(None, None)
        self._assert_not_served(f"/web/content/{self.attachment.id}")

    def test_public_flag_ignored_by_routes(self):
        """Even set (by an administrator), the public flag serves the file
        neither to anonymous visitors nor to lower clearances."""
        self.attachment.with_user(self.admin_user).write({"public": True})
        self._assert_not_served(f"/web/content/{self.attachment.id}")
        self._assert_not_served(f"/web/content/ir.attachment/{self.attachment.id}/datas")
        self.authenticate("ps_outsider", "ps_outsider")
        self._assert_not_served(f"/web/content/{self.attachment.id}")

    def test_access_token_over_rpc_refused(self):
        """The member cannot generate or set an access token on the file."""
        self.authenticate("ps_member1", "ps_member1")
        self._refused("ir.attachment", "generate_access_token", self.attachment.ids)
        self._refused(
            "ir.attachment", "write", self.attachment.ids, {"access_token": "0123456789abcdef"}
        )
        self.assertFalse(self._binding()[3])

    def test_access_token_ignored_by_routes(self):
        """A token on a vault file (as Odoo's own flows may set, e.g. a heavy
        e-mail) opens nothing: anonymous and lower clearances get no content."""
        [token] = self.attachment.sudo().generate_access_token()
        self.assertTrue(token)
        for url in (
            f"/web/content/{self.attachment.id}?access_token={token}",
            f"/web/content/{self.attachment.id}?access_token={token}&download=true",
            f"/web/content/ir.attachment/{self.attachment.id}/datas?access_token={token}",
            f"/web/image/{self.attachment.id}?access_token={token}",
        ):
            self._assert_not_served(url)
        self.authenticate("ps_outsider", "ps_outsider")
        self._assert_not_served(f"/web/content/{self.attachment.id}?access_token={token}")
        # the document's readers still download it (audited)
        self.authenticate("ps_member1", "ps_member1")
        response = self.url_open(f"/web/content/{self.attachment.id}?access_token={token}")
        self.assertEqual(response.content, SECRET_BYTES)

    def test_move_to_other_project_over_rpc_refused(self):
        """Moving the document to another project's folder over RPC fails."""
        other = self.env["project.project"].create({"name": "Public tender"})
        other_folder = self.env["ps.document.folder"].create(
            {"name": "Public tender", "project_id": other.id}
        )
        self.authenticate("ps_member1", "ps_member1")
        self._refused("ps.document", "write", self.document.ids, {"folder_id": other_folder.id})
        self.document.invalidate_recordset()
        self.assertEqual(self.document.project_id, self.project)

    def test_deliverable_over_rpc(self):
        """Over RPC, the member can neither lower a secret deliverable's level
        nor download its file below secret clearance."""
        pm = new_test_user(
            self.env, login="ps_dlv_http_pm", groups="base.group_user,project.group_project_user"
        )
        self.project.user_id = pm
        deliverable = self.env["ps.project.deliverable"].create(
            {
                "name": "Restructuring plan",
                "project_id": self.project.id,
                "confidentiality": "secret",
            }
        )
        report = self.env["ir.attachment"].create(
            {
                "name": "restructuring.txt",
                "raw": REPORT,
                "res_model": deliverable._name,
                "res_id": deliverable.id,
            }
        )
        deliverable.attachment_ids = report
        self.authenticate("ps_member1", "ps_member1")
        self._refused(
            "ps.project.deliverable", "write", deliverable.ids, {"confidentiality": "public"}
        )
        deliverable.invalidate_recordset()
        self.assertEqual(deliverable.confidentiality, "secret")
        response = self.url_open(f"/web/content/{report.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(REPORT, response.content)
        self._refused("ir.attachment", "read", report.ids, ["raw"], error="AccessError")
        # the deliverable's form still opens, without the file
        [values] = self._call(
            "ps.project.deliverable",
            "web_read",
            deliverable.ids,
            specification={"name": {}, "attachment_ids": {"fields": {"name": {}}}},
        )
        self.assertEqual(values["attachment_ids"], [])
        self.member.ps_clearance = "secret"
        self.assertEqual(self.url_open(f"/web/content/{report.id}").content, REPORT)

    def test_full_text_over_rpc(self):
        """Reading the full text over RPC is logged; grouping by it is refused."""
        Log = self.env["ps.document.access.log"]
        self.authenticate("ps_member1", "ps_member1")
        [values] = self._call("ps.document", "read", self.document.ids, ["index_content"])
        self.assertIn("Lumber", values["index_content"])
        log = Log.search([("document_id", "=", self.document.id)])
        self.assertEqual((log.user_id, log.access_type), (self.member, "rpc"))
        self._refused(
            "ps.document",
            "web_read_group",
            [],
            fields=["index_content:array_agg"],
            groupby=["folder_id"],
        )
        self._refused(
            "ir.attachment",
            "read_group",
            [],
            fields=["index_content:max"],
            groupby=["res_model"],
        )
        self.assertEqual(len(Log.search([])), 1)
