from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import meet_start_requirements


@tagged("post_install", "-at_install")
class TestProjectGates(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pmo = new_test_user(
            cls.env, login="ps_gate_pmo", groups="base.group_user,project.group_project_manager"
        )
        cls.pm = new_test_user(
            cls.env, login="ps_gate_pm", groups="base.group_user,project.group_project_user"
        )
        cls.outsider = new_test_user(
            cls.env, login="ps_gate_outsider", groups="base.group_user,project.group_project_user"
        )
        Type = cls.env["ps.project.type"]
        cls.audit = Type.create({"name": "Audit G", "code": "AUDG"})
        cls.training = Type.create({"name": "Training G", "code": "TRNG"})
        Tier = cls.env["tier.definition"]
        Tier.search([("model", "=", "ps.project.gate")]).active = False
        Tier.create(
            {
                "name": "PMO approves audit starts",
                "model_id": cls.env.ref("ps_project_wbs.model_ps_project_gate").id,
                "review_type": "individual",
                "reviewer_id": cls.pmo.id,
                "definition_domain": (
                    f"[('gate_type', '=', 'initiation'), ('project_type_id', '=', {cls.audit.id})]"
                ),
            }
        )

    def _project(self, project_type, name):
        project = self.env["project.project"].create(
            {"name": name, "ps_project_type_id": project_type.id, "user_id": self.pm.id}
        )
        meet_start_requirements(project)
        return project

    def test_a_project_without_manager_does_not_start(self):
        """DR1: the start decision of a project that has lost its manager is
        refused, forged context keys or not, and says what is missing; nothing
        changes (gate waiting, review pending, project in Initiation)."""
        project = self._project(self.audit, "Audit of Lumber").with_user(self.pm)
        project.action_ps_request_initiation()
        gate = project.ps_gate_ids
        project.with_user(self.pmo).user_id = False
        forged = {"ps_internal": True, "skip_validation_check": True}
        with self.assertRaises(UserError) as caught:  # rolls back what the call wrote
            gate.with_user(self.pmo).with_context(**forged).validate_tier()
        self.assertEqual(
            str(caught.exception),
            "Project Audit of Lumber cannot leave the Initiation phase yet: "
            "no project manager named.",
        )
        self.assertEqual((gate.state, project.ps_phase), ("draft", "initiation"))
        self.assertEqual(gate.review_ids.mapped("status"), ["pending"])
        project.with_user(self.pmo).user_id = self.pm
        gate.with_user(self.pmo).validate_tier()
        self.assertEqual((gate.state, project.ps_phase), ("approved", "planning"))

    def test_project_cannot_start_without_initiation_approval(self):
        project = self._project(self.audit, "Audit of Deco").with_user(self.pm)
        with self.assertRaisesRegex(UserError, "Initiation Approval is approved"):
            project.ps_phase = "planning"
        self.assertEqual(project.ps_phase, "initiation")

    def test_a_project_cannot_be_created_past_initiation(self):
        with self.assertRaisesRegex(UserError, "starts in the Initiation phase"):
            self.env["project.project"].with_user(self.pmo).create(
                {"name": "Shortcut", "ps_phase": "execution"}
            )
        project = self.env["project.project"].with_user(self.pmo).create({"name": "Proper"})
        self.assertEqual(project.ps_phase, "initiation")

    def test_audit_start_needs_its_reviewer_training_any_pmo_but_the_requester(self):
        audit = self._project(self.audit, "Audit of Gemini").with_user(self.pm)
        training = self._project(self.training, "Sales training").with_user(self.pm)

        audit.action_ps_request_initiation()
        gate = audit.ps_gate_ids
        self.assertEqual((gate.gate_type, gate.state), ("initiation", "draft"))
        self.assertEqual(gate.review_ids.reviewer_ids, self.pmo)
        with self.assertRaisesRegex(UserError, "decided by its reviewers"):
            gate.with_user(self.pm).action_approve()
        with self.assertRaisesRegex(UserError, "Initiation Approval is approved"):
            audit.ps_phase = "planning"
        gate.with_user(self.pmo).validate_tier()
        gate.with_user(self.pm).action_approve()
        audit.ps_phase = "planning"
        self.assertEqual(audit.ps_phase, "planning")

        # no rule applies to training starts: the PMO decides them all the same
        training.action_ps_request_initiation()
        gate = training.ps_gate_ids
        self.assertEqual(gate.state, "draft")
        self.assertTrue(gate.sudo().review_ids.definition_id.ps_fallback)
        with self.assertRaisesRegex(UserError, "You asked for the decision"):
            gate.with_user(self.pm).validate_tier()
        with self.assertRaisesRegex(UserError, "decided by its reviewers"):
            gate.with_user(self.pm).action_approve()
        self.assertEqual(gate.state, "draft")
        gate.with_user(self.pmo).validate_tier()
        self.assertEqual(gate.state, "approved")
        training.ps_phase = "planning"
        self.assertEqual(training.ps_phase, "planning")

    def test_project_manager_edits_own_project_only(self):
        mine = self._project(self.training, "Mine").with_user(self.pm)
        mine.description = "Scope agreed"
        with self.assertRaises(AccessError):
            mine.with_user(self.outsider).write({"description": "Not mine"})
        self._project(self.training, "Any").with_user(self.pmo).write({"description": "PMO"})

    def test_outsider_cannot_request_or_read_the_gate(self):
        project = self._project(self.training, "Private project")
        project.privacy_visibility = "followers"
        with self.assertRaises(AccessError):
            project.with_user(self.outsider).action_ps_request_initiation()
        project.with_user(self.pm).action_ps_request_initiation()
        with self.assertRaises(AccessError):
            project.ps_gate_ids.with_user(self.outsider).read(["state"])

    def test_reviewer_outside_the_project_reads_the_gate_only(self):
        """A reviewer who is neither on the project nor a project user reads the
        gate they are asked to review (and approves it), not the project, and
        not the gates of other projects."""
        reviewer = new_test_user(self.env, login="ps_gate_reviewer", groups="base.group_user")
        self.env["tier.definition"].create(
            {
                "name": "Risk officer approves audit starts",
                "model_id": self.env.ref("ps_project_wbs.model_ps_project_gate").id,
                "review_type": "individual",
                "reviewer_id": reviewer.id,
                "sequence": 20,
                "definition_domain": (
                    f"[('gate_type', '=', 'initiation'), ('project_type_id', '=', {self.audit.id})]"
                ),
            }
        )
        reviewed = self._project(self.audit, "Audit of Helios")
        other = self._project(self.training, "Private training")
        (reviewed | other).write({"privacy_visibility": "followers"})
        reviewed.with_user(self.pm).action_ps_request_initiation()
        other.with_user(self.pm).action_ps_request_initiation()
        gate = reviewed.ps_gate_ids
        self.assertIn(reviewer, gate.review_ids.reviewer_ids)
        self.assertEqual(self.env["ps.project.gate"].with_user(reviewer).search([]), gate)
        self.assertEqual(gate.with_user(reviewer).read(["state"])[0]["state"], "draft")
        with self.assertRaises(AccessError):
            reviewed.with_user(reviewer).read(["name"])
        with self.assertRaises(AccessError):
            other.ps_gate_ids.with_user(reviewer).read(["state"])
        gate.with_user(reviewer).validate_tier()
        self.assertIn(reviewer, gate.review_ids.filtered(lambda r: r.status == "approved").done_by)
