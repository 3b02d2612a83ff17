import base64

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import PsKnowledgeCommon


@tagged("post_install", "-at_install")
class TestPsKnowledgeFlows(PsKnowledgeCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ps_setup_vault()
        cls.pm = new_test_user(
            cls.env, login="ps_proj_mgr", groups="base.group_user,project.group_project_user"
        )
        cls.project.user_id = cls.pm

    def test_accepted_deliverable_archived_at_its_level(self):
        """Accepting a deliverable files its file in the project's folder at
        the deliverable's level; from then on the vault's rules govern it."""
        deliverable = self.env["ps.project.deliverable"].create(
            {
                "name": "Due diligence report",
                "project_id": self.project.id,
                "confidentiality": "secret",
                "phase": "execution",
            }
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "due_diligence.txt",
                "raw": b"Liabilities: 3 lawsuits pending",
                "res_model": "ps.project.deliverable",
                "res_id": deliverable.id,
            }
        )
        deliverable.attachment_ids = attachment
        deliverable.with_user(self.pm).action_submit()
        deliverable.with_user(self.pm).action_accept()
        document = self.env["ps.document"].search([("deliverable_id", "=", deliverable.id)])
        self.assertEqual(len(document), 1)
        self.assertEqual(document.confidentiality, "secret")
        self.assertEqual(document.folder_id, self.folder, "the project's folder")
        self.assertEqual(document.project_id, self.project)
        self.assertEqual(document.partner_id, self.customer)
        self.assertEqual(document.attachment_id, attachment)
        self.assertEqual((attachment.res_model, attachment.res_id), ("ps.document", document.id))
        self.assertIn("lawsuits", document.index_content)
        # the project manager (internal clearance) no longer reads the secret file
        with self.assertRaises(AccessError):
            attachment.with_user(self.pm).read(["datas"])
        # ...yet still opens the deliverable: the file is an archived document
        # now, listed only to those who may read it
        self.assertFalse(deliverable.attachment_ids)
        self.assertEqual(deliverable.document_ids, document)
        self.env.invalidate_all()  # as a request of the manager would read it
        [values] = deliverable.with_user(self.pm).web_read(
            {
                "attachment_ids": {"fields": {"name": {}, "mimetype": {}}},
                "document_ids": {"fields": {"name": {}}},
            }
        )
        self.assertEqual((values["attachment_ids"], values["document_ids"]), ([], []))

    def test_project_folder_created(self):
        """A project without folder gets one under Projects at its first archive."""
        project = self.env["project.project"].create(
            {"name": "Tax review", "user_id": self.pm.id, "company_id": self.env.company.id}
        )
        deliverable = self.env["ps.project.deliverable"].create(
            {"name": "Tax memo", "project_id": project.id, "confidentiality": "confidential"}
        )
        deliverable.attachment_ids = self.env["ir.attachment"].create(
            {
                "name": "memo.txt",
                "raw": b"memo",
                "res_model": deliverable._name,
                "res_id": deliverable.id,
            }
        )
        deliverable.with_user(self.pm).action_submit()
        deliverable.with_user(self.pm).action_accept()
        folder = self.env["ps.document.folder"].search([("project_id", "=", project.id)])
        self.assertEqual(folder.parent_id, self.env.ref("ps_knowledge.ps_document_folder_projects"))
        self.assertEqual(folder.document_ids.confidentiality, "confidential")

    def test_deliverable_without_file(self):
        """A deliverable without files archives nothing."""
        deliverable = self.env["ps.project.deliverable"].create(
            {"name": "Workshop", "project_id": self.project.id}
        )
        deliverable.with_user(self.pm).action_submit()
        deliverable.with_user(self.pm).action_accept()
        self.assertFalse(deliverable.document_ids)

    def test_lessons_learned_published(self):
        """An applied closure publishes its lessons learned as an article
        linked to the project, once."""
        gate = self.env["ps.project.gate"].create(
            {
                "project_id": self.project.id,
                "gate_type": "closure",
                "lessons_learned": "<p>Book the data room in week one.</p>",
            }
        )
        # decided: the system records it once its reviewers validated (no rule
        # here, so that the write below does not ask for one)
        self.env["tier.definition"].search([("model", "=", "ps.project.gate")]).active = False
        gate.write({"state": "approved"})
        gate._ps_apply()
        gate._ps_apply()
        article = self.env["ps.knowledge.article"].search([("gate_id", "=", gate.id)])
        self.assertEqual(len(article), 1)
        self.assertEqual(article.state, "published")
        self.assertEqual(article.project_ids, self.project)
        self.assertEqual(
            article.category_id, self.env.ref("ps_knowledge.ps_knowledge_category_lessons")
        )
        self.assertIn("data room", article.body)
        self.assertIn(article, self.env["ps.knowledge.article"].with_user(self.outsider).search([]))

    def test_articles_access(self):
        """Employees read published articles and their own drafts, edit only
        their own; knowledge managers edit all."""
        Article = self.env["ps.knowledge.article"]
        draft = Article.with_user(self.member).create({"name": "My draft"})
        published = Article.create({"name": "Method", "state": "published"})
        self.assertTrue(published.date_published)
        visible = Article.with_user(self.outsider).search([])
        self.assertIn(published, visible)
        self.assertNotIn(draft, visible)
        with self.assertRaises(AccessError):
            published.with_user(self.outsider).write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            draft.with_user(self.outsider).unlink()
        draft.with_user(self.member).action_publish()
        self.assertIn(draft, Article.with_user(self.outsider).search([]))
        manager = new_test_user(
            self.env, login="ps_km_art", groups="ps_knowledge.group_ps_knowledge_manager"
        )
        published.with_user(manager).write({"name": "Method, revised"})

    def test_employee_cannot_delete_documents(self):
        """Employees file documents but only knowledge managers delete them."""
        Doc = self.env["ps.document"].with_user(self.outsider)
        doc = Doc.create(
            {
                "name": "Checklist",
                "folder_id": self.general_folder.id,
                "upload_file": base64.b64encode(b"1. Scope"),
                "upload_filename": "checklist.txt",
            }
        )
        self.assertEqual(doc.owner_id, self.outsider)
        with self.assertRaises(AccessError):
            doc.unlink()
        with self.assertRaises(AccessError):
            self.general_folder.with_user(self.outsider).write({"name": "Mine"})

    def test_project_document_count(self):
        """The project's Documents button counts what the user may read."""
        self.assertEqual(self.project.with_user(self.outsider).ps_document_count, 0)
        self._ps_admit_member()
        self.assertEqual(self.project.with_user(self.member).ps_document_count, 1)
