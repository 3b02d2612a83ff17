from . import ps_document_folder
