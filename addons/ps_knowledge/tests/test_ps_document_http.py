from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import SECRET_BYTES, PsKnowledgeCommon


@tagged("post_install", "-at_install")
class TestPsDocumentDownload(PsKnowledgeCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ps_setup_vault()

    def _logs(self):
        return self.env["ps.document.access.log"].search([("document_id", "=", self.document.id)])

    def test_outsider_download_refused(self):
        """An outsider's request for /web/content/<id> returns no content."""
        self.authenticate("ps_outsider", "ps_outsider")
        for url in (
            f"/web/content/{self.attachment.id}",
            f"/web/content/{self.attachment.id}?download=true",
            f"/web/content/ir.attachment/{self.attachment.id}/datas",
        ):
            response = self.url_open(url)
            self.assertNotEqual(response.status_code, 200, url)
            self.assertNotIn(SECRET_BYTES, response.content, url)
        response = self.url_open(f"/web/image/{self.attachment.id}")
        self.assertNotIn(SECRET_BYTES, response.content, "a placeholder at most")
        self.assertFalse(self._logs())

    def test_anonymous_download_refused(self):
        """Without a session the file is not served either."""
        response = self.url_open(f"/web/content/{self.attachment.id}")
        self.assertNotIn(SECRET_BYTES, response.content)

    def test_member_download_audited(self):
        """With clearance and membership the file downloads, and each download
        writes exactly one audit entry that the user cannot change."""
        self._ps_admit_member()
        self.authenticate("ps_member1", "ps_member1")
        response = self.url_open(f"/web/content/{self.attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, SECRET_BYTES)
        log = self._logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.user_id, log.access_type, log.confidentiality, log.attachment_id),
            (self.member, "download", "confidential", self.attachment),
        )
        response = self.url_open(f"/web/content/{self.attachment.id}")
        self.assertEqual(response.content, SECRET_BYTES)
        self.assertEqual(len(self._logs()), 2)
        self.assertEqual(self._logs()[0].access_type, "open")
        with self.assertRaises(AccessError):
            log.with_user(self.member).write({"access_type": "rpc"})
        with self.assertRaises(AccessError):
            log.with_user(self.member).unlink()
        self.assertEqual(len(self._logs()), 2)

    def test_internal_download_not_audited(self):
        """Internal documents download without an audit entry."""
        self.authenticate("ps_outsider", "ps_outsider")
        response = self.url_open(f"/web/content/{self.method.attachment_id.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"Ask open questions first.")
        self.assertFalse(self.env["ps.document.access.log"].search([]))
