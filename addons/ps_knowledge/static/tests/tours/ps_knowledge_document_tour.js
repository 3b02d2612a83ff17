/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { inputFiles } from "@web/../tests/utils";

registry.category("web_tour.tours").add("ps_knowledge_document_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_knowledge.ps_knowledge_menu_root", "Open Knowledge Vault"),
        {
            content: "File a new document",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour market study",
        },
        {
            content: "Into the project's folder",
            trigger: ".o_field_widget[name='folder_id'] input",
            run: "edit Tour client",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains('Tour client folder')",
            run: "click",
        },
        {
            content: "Upload the file",
            trigger: ".o_field_widget[name='upload_file']",
            async run() {
                const file = new File(
                    ["Survey of 400 retailers: zephyrine fabrics lead the premium segment."],
                    "tour_study.txt",
                    { type: "text/plain" }
                );
                await inputFiles(".o_field_widget[name='upload_file'] input.o_input_file", [file]);
            },
        },
        {
            trigger: ".o_field_widget[name='upload_file'] input:value('tour_study.txt')",
        },
        ...stepUtils.saveForm(),
        {
            content: "The file is the current version",
            trigger: ".o_field_widget[name='file_name']:contains('tour_study.txt')",
        },
        {
            trigger: ".o_field_widget[name='project_id'] input:value('Tour client project')",
        },
        {
            content: "Back to the documents",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Search a word found only inside the file",
            trigger: ".o_searchview_input",
            run: "edit zephyrine",
        },
        {
            trigger: ".o_searchview_autocomplete .o_menu_item:contains('Content')",
            run: "click",
        },
        {
            trigger: ".o_searchview_facet:contains('zephyrine')",
        },
        {
            content: "Found by its content: open it",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Tour market study')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input:value('Tour market study')",
        },
        {
            trigger: ".o_field_widget[name='version_number']:contains('1')",
        },
    ],
});
