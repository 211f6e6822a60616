from newsgold.cli import main

main()
