import { render } from 'preact';
import '../shared/styles.css';
import { LoginPage } from './LoginPage';

render(<LoginPage />, document.getElementById('app')!);
// Straight to typing (render is synchronous: the field exists now, before the load event).
document.getElementById('username')?.focus();
