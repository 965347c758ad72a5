// The page's entry: synthetic shadow first (as Lightning Experience runs components), then the shell.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import Shell from 'app/shell';

const shell = createElement('app-shell', { is: Shell });
document.getElementById('root').appendChild(shell);
