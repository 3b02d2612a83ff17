from odoo.tests import tagged

from .common import PsDashboardCase


@tagged("post_install", "-at_install")
class TestPsStatusCockpit(PsDashboardCase):
    """The cockpit counts the projects whose last weekly status report is red,
    and a click on the card opens them; each manager sees their own."""

    def _report(self, project, name):
        return (
            self.env["project.update"]
            .with_user(project.user_id)
            .create({"name": name, "project_id": project.id, "status": "on_track"})
        )

    def _card(self, user, **filters):
        data = self.env["ps.cockpit"].with_user(user).get_cockpit_data(filters)
        return {card["key"]: card for card in data["cards"]}["reported_red"]

    def test_projects_reported_red(self):
        before = self._card(self.ceo)["value"]
        risky = self._project("Cockpit risky")
        calm = self._project("Cockpit calm", user=self.other_pm)
        self.env["ps.project.risk"].create(
            {"project_id": risky.id, "name": "Key expert leaves", "probability": "4", "impact": "4"}
        )
        self._report(risky, "Week 1")
        self._report(calm, "Week 1")
        card = self._card(self.ceo)
        self.assertEqual(card["value"], before + 1)
        self.assertEqual(card["model"], "project.project")
        opened = self.env["project.project"].with_user(self.ceo).search(card["domain"])
        self.assertIn(risky, opened)
        self.assertNotIn(calm, opened)
        # filtered on a manager: their projects only
        self.assertEqual(self._card(self.pm, user_id=self.pm.id)["value"], 1)
        self.assertEqual(self._card(self.other_pm, user_id=self.other_pm.id)["value"], 0)
        # the risk closed, the next report is green: no longer counted
        risky.ps_risk_ids.state = "closed"
        self._report(risky, "Week 2")
        self.assertEqual(self._card(self.ceo)["value"], before)
