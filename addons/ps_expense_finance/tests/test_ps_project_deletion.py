"""Deleting a project: one that keeps history is archived, not deleted (its
decided gates, approved budgets and closed months would go with it through
PostgreSQL's cascade, past their own guards); one that keeps none goes with its
records, their messages and to-dos, and nobody is left with an activity on a
deleted record ('Missing Record' on every page load)."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.ps_base.internal import internal

from .common import PsFinanceCommon


@tagged("post_install", "-at_install")
class TestProjectDeletion(PsFinanceCommon):
    def _project(self, name):
        return self.env["project.project"].create(
            {"name": name, "user_id": self.pm.id, "company_id": self.company_data["company"].id}
        )

    def _refused(self, project, pattern):
        with self.assertRaises(UserError) as caught:
            project.with_user(self.pmo).unlink()
        self.assertRegex(str(caught.exception), pattern)
        self.assertTrue(project.exists())

    def test_a_project_with_an_approved_budget_is_archived_not_deleted(self):
        project = self._project("Kept by its budget")
        budget = self._budget(project, {self.travel: 1000})
        self._refused(project, "Kept by its budget keeps its history.*budget.*archive it")
        self.assertEqual(budget.state, "approved")
        project.with_user(self.pmo).action_archive()
        self.assertFalse(project.active)

    def test_a_project_with_a_decided_gate_is_archived_not_deleted(self):
        project = self._project("Kept by its gate")
        gate = self.env["ps.project.gate"].create(
            {"project_id": project.id, "gate_type": "initiation"}
        )
        # decided by its reviewers (here: rejected, kept for the record)
        internal(gate).write({"state": "cancel"})
        self._refused(project, "Kept by its gate keeps its history.*gate")
        self.assertEqual(gate.state, "cancel")

    def test_a_project_without_history_goes_with_its_records(self):
        project = self._project("Created by mistake")
        gate = self.env["ps.project.gate"].create(
            {"project_id": project.id, "gate_type": "initiation"}
        )
        risk = self.env["ps.project.risk"].create({"project_id": project.id, "name": "Scope"})
        budget = self.env["ps.project.budget"].create(
            {
                "project_id": project.id,
                "line_ids": [Command.create({"category_id": self.travel.id, "amount": 500})],
            }
        )
        records = [gate, risk, budget]
        for record in records:
            record.activity_schedule(summary="Look at it", user_id=self.pm.id)
            record.message_post(body="A note")
        project.with_user(self.pmo).unlink()
        self.assertFalse(project.exists())
        for record in records:
            self.assertFalse(record.exists())
            where = [("res_model", "=", record._name), ("res_id", "=", record.id)]
            self.assertFalse(self.env["mail.activity"].search(where), record._name)
            self.assertFalse(
                self.env["mail.message"].search(
                    [("model", "=", record._name), ("res_id", "=", record.id)]
                ),
                record._name,
            )
