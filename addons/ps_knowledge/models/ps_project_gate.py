from odoo import models
from odoo.tools import is_html_empty


class PsProjectGate(models.Model):
    _inherit = "ps.project.gate"

    def _ps_apply(self):
        res = super()._ps_apply()
        self.filtered(
            lambda g: g.gate_type == "closure" and not is_html_empty(g.lessons_learned)
        )._ps_publish_lessons_learned()
        return res

    def _ps_publish_lessons_learned(self):
        """Publish the lessons learned of approved closures as knowledge
        articles linked to their project (one per closure gate)."""
        # sudo: the approval is applied by the system on the approver's behalf.
        Article = self.env["ps.knowledge.article"].sudo()
        category = self.env.ref(
            "ps_knowledge.ps_knowledge_category_lessons", raise_if_not_found=False
        )
        existing = Article.with_context(active_test=False).search([("gate_id", "in", self.ids)])
        articles = Article.browse()
        for gate in self.sudo():
            article = existing.filtered(lambda a, g=gate: a.gate_id == g)
            vals = {
                "name": self.env._("Lessons learned: %(project)s", project=gate.project_id.name),
                "body": gate.lessons_learned,
                "project_ids": [(6, 0, gate.project_id.ids)],
                "state": "published",
                "company_id": (gate.project_id.company_id or self.env.company).id,
            }
            if article:
                article.write(vals)
            else:
                vals.update(
                    gate_id=gate.id,
                    category_id=category.id if category else False,
                    author_id=(gate.project_id.user_id or self.env.user).id,
                )
                article = Article.create(vals)
            articles |= article
        return articles
