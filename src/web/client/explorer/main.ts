import cytoscape from 'cytoscape';
import './explorer.css';
console.log(typeof cytoscape);
