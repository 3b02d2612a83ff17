from . import test_ps_document_folder
from . import test_ps_knowledge_tour
