from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestPsProjectBudget(PsFinanceCommon):
    def _draft(self, user, project=None, amount=1000.0):
        return (
            self.env["ps.project.budget"]
            .with_user(user)
            .create(
                {
                    "project_id": (project or self.project).id,
                    "line_ids": [Command.create({"category_id": self.travel.id, "amount": amount})],
                }
            )
        )

    def test_pm_submits_pmo_approves(self):
        """The project manager submits a budget; the PMO tier approves it."""
        budget = self._draft(self.pm)
        budget.action_submit()
        self.assertEqual(budget.state, "submitted")
        self.assertTrue(budget.review_ids)
        with self.assertRaises(UserError):
            budget.action_submit()
        budget.with_user(self.pmo).validate_tier()
        self.assertEqual(budget.state, "approved")
        self.assertEqual(self._ledger(status="budget"), {("budget", self.travel): 1000.0})

    def test_approved_budget_is_locked_and_versions_supersede(self):
        """An approved budget cannot change; a new version supersedes it once approved
        and the old one stays readable."""
        v1 = self._budget(self.project, {self.travel: 1000.0})
        with self.assertRaises(UserError):
            v1.line_ids.amount = 5.0
        with self.assertRaises(UserError):
            v1.with_user(self.pm).write({"note": "changed"})
        with self.assertRaises(UserError):
            v1.unlink()
        action = v1.with_user(self.pm).action_new_version()
        v2 = self.env["ps.project.budget"].browse(action["res_id"])
        self.assertEqual((v2.version, v2.state, v2.amount_total), (2, "draft", 1000.0))
        v2.line_ids.with_user(self.pm).amount = 1500.0
        v2.sudo()._ps_approve()
        self.assertEqual((v1.state, v2.state), ("superseded", "approved"))
        self.assertEqual(self._ledger(status="budget"), {("budget", self.travel): 1500.0})
        self.assertEqual(v1.with_user(self.pm).amount_total, 1000.0)

    def test_member_cannot_budget_another_project(self):
        """Only the project's manager (or the PMO) budgets a project."""
        with self.assertRaises(AccessError):
            self._draft(self.member)
        with self.assertRaises(AccessError):
            self._draft(self.pm, project=self.other_project)

    def test_budget_change_request_makes_new_version(self):
        """An approved budget change request approves the proposed version, or makes
        a draft copy of the current one to revise."""
        v1 = self._budget(self.project, {self.travel: 1000.0})
        self.project.sudo()._ps_freeze_baseline(self.env["project.task"])
        proposed = self._draft(self.pm, amount=3000.0)
        gate = self.env["ps.project.gate"].create(
            {
                "project_id": self.project.id,
                "gate_type": "change",
                "change_type": "budget",
                "reason": "Two more workshops",
                "ps_budget_id": proposed.id,
            }
        )
        gate.with_user(self.pm).action_ps_submit()
        self.assertEqual(proposed.state, "draft")  # the PMO decides the change request
        gate.with_user(self.pmo).validate_tier()
        self.assertEqual((v1.state, proposed.state), ("superseded", "approved"))
        self.assertEqual(proposed.gate_id, gate)

        gate2 = self.env["ps.project.gate"].create(
            {
                "project_id": self.project.id,
                "gate_type": "change",
                "change_type": "budget",
                "reason": "Scope cut",
            }
        )
        gate2.with_user(self.pm).action_ps_submit()
        gate2.with_user(self.pmo).validate_tier()
        self.assertEqual(gate2.state, "approved")
        self.assertEqual(gate2.ps_budget_id.state, "draft")
        self.assertEqual(gate2.ps_budget_id.previous_id, proposed)
        self.assertEqual(gate2.ps_budget_id.amount_total, 3000.0)

    def test_scope_change_and_its_cost_land_in_one_approval(self):
        """A scope change request proposing a budget version: the PMO's one
        approval adds the task (with its baseline) and approves the version;
        before it, neither; if the version was decided meanwhile, the approval
        is refused and neither lands."""
        v1 = self._budget(self.project, {self.travel: 1000.0})
        self.project.sudo()._ps_freeze_baseline(self.env["project.task"])
        self.assertEqual(self.project.ps_baseline_version, 1)
        Task = self.env["project.task"]

        def request(name, amount):
            gate = self.env["ps.project.gate"].create(
                {
                    "project_id": self.project.id,
                    "gate_type": "change",
                    "change_type": "scope",
                    "reason": "Two more workshops",
                    "ps_budget_id": self._draft(self.pm, amount=amount).id,
                    "change_line_ids": [
                        Command.create({"line_type": "new_task", "name": name, "new_hours": 8.0})
                    ],
                }
            )
            gate.with_user(self.pm).action_ps_submit()
            return gate

        gate = request("Extra workshop", 1800.0)
        proposed = gate.ps_budget_id
        self.assertEqual(proposed.state, "draft")
        self.assertFalse(Task.search([("name", "=", "Extra workshop")]))
        gate.with_user(self.pmo).validate_tier()
        task = Task.search([("project_id", "=", self.project.id), ("name", "=", "Extra workshop")])
        self.assertEqual((task.allocated_hours, task.ps_baseline_hours), (8.0, 8.0))
        self.assertEqual(
            (v1.state, proposed.state, proposed.gate_id), ("superseded", "approved", gate)
        )
        self.assertEqual(self.project.ps_baseline_version, 2)
        self.assertEqual(self._ledger(status="budget"), {("budget", self.travel): 1800.0})

        gate2 = request("Third workshop", 2500.0)
        gate2.ps_budget_id.sudo()._ps_approve()  # decided apart from the change request
        with self.assertRaisesRegex(UserError, "is no longer a draft"), self.env.cr.savepoint():
            gate2.with_user(self.pmo).validate_tier()
        gate2.invalidate_recordset()
        self.assertEqual(gate2.state, "draft")
        self.assertFalse(Task.search([("name", "=", "Third workshop")]))
        self.assertEqual(self.project.ps_baseline_version, 2)

    def test_budget_form(self):
        """The budget form takes lines and computes the total; revenue defaults from contracts."""
        with Form(self.env["ps.project.budget"].with_user(self.pm)) as form:
            form.project_id = self.project
            with form.line_ids.new() as line:
                line.category_id = self.labour
                line.amount = 700.0
            with form.line_ids.new() as line:
                line.category_id = self.travel
                line.amount = 300.0
        self.assertEqual(form.record.amount_total, 1000.0)
        with self.assertRaises(UserError):
            self.env["ps.project.budget"].create({"project_id": self.project.id}).action_submit()
