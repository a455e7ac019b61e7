"""Build the optional compiled matcher loop; everything else is in pyproject.toml.

``glossalign.glossary._matchloop`` is a Cython extension (Cython is a build requirement). It is
optional: where it cannot be compiled the install goes on and the matcher uses its pure-Python
path, which gives the same hits, slower.
"""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # a build without the declared build requirements: pure Python only
    extensions = []
else:
    extensions = cythonize(
        [Extension("glossalign.glossary._matchloop", ["glossalign/glossary/_matchloop.pyx"])],
        compiler_directives={"language_level": "3"})
    for extension in extensions:
        extension.optional = True  # a failed compile is a warning (cythonize drops the flag)

setup(ext_modules=extensions)
