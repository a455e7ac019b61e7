from glossalign.cli import main

main()
