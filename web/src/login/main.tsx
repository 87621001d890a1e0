import { render } from 'preact';
import '../shared/styles.css';
import { LoginPage } from './LoginPage';

render(<LoginPage />, document.getElementById('app')!);
